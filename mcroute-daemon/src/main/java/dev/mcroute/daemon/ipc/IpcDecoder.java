package dev.mcroute.daemon.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a byte stream into requests. Bytes may arrive in any pieces; every malformed input gives
 * a {@link Malformed} result with a text for the client instead of an exception. A bad length
 * leaves the stream without framing, so that result is fatal; other errors skip one message.
 */
public final class IpcDecoder {

    /** What the next message turned out to be. */
    public sealed interface Result permits Decoded, Malformed {
    }

    /** @param message a well-formed request */
    public record Decoded(IpcMessage message) implements Result {
    }

    /**
     * @param error what is wrong, for the client
     * @param fatal whether the stream cannot be read further
     */
    public record Malformed(String error, boolean fatal) implements Result {
    }

    private final ByteBuffer pending = ByteBuffer.allocate(IpcCodec.MAX_MESSAGE).order(IpcCodec.ORDER);
    private boolean broken;

    /**
     * Adds bytes that arrived.
     *
     * @param bytes the bytes, read from position to limit (consumed)
     */
    public void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining() && !broken) {
            if (!pending.hasRemaining()) {
                return; // the caller takes messages before feeding more; never grow beyond one message
            }
            int n = Math.min(bytes.remaining(), pending.remaining());
            ByteBuffer slice = bytes.slice();
            slice.limit(n);
            pending.put(slice);
            bytes.position(bytes.position() + n);
        }
        if (broken) {
            bytes.position(bytes.limit());
        }
    }

    /** @return whether bytes of an unfinished message are held */
    public boolean hasPartial() {
        return !broken && pending.position() > 0;
    }

    /**
     * @return the next complete result, or empty when more bytes are needed
     */
    public Optional<Result> next() {
        if (broken || pending.position() < 8) {
            return Optional.empty();
        }
        long length = pending.getLong(0);
        if (length < IpcCodec.HEADER + 1 || length > IpcCodec.MAX_MESSAGE) {
            broken = true;
            return Optional.of(new Malformed("Invalid IPC message length " + Long.toUnsignedString(length)
                    + ", must be " + (IpcCodec.HEADER + 1) + "-" + IpcCodec.MAX_MESSAGE, true));
        }
        if (pending.position() < length) {
            return Optional.empty();
        }
        Result result = parse((int) length);
        pending.flip();
        pending.position((int) length);
        pending.compact();
        return Optional.of(result);
    }

    /**
     * @return the result for a stream that ended inside a message, if it did
     */
    public Optional<Malformed> endOfStream() {
        if (!hasPartial()) {
            return Optional.empty();
        }
        int got = pending.position();
        String expected = got >= 8 ? " of " + Long.toUnsignedString(pending.getLong(0)) : "";
        pending.clear();
        return Optional.of(new Malformed("Truncated IPC message: got " + got + expected + " bytes", true));
    }

    private Result parse(int length) {
        int command = Short.toUnsignedInt(pending.getShort(8));
        int count = Short.toUnsignedInt(pending.getShort(10));
        List<String> args = new ArrayList<>(count);
        int pos = IpcCodec.HEADER;
        for (int i = 0; i < count; i++) {
            int end = pos;
            while (end < length && pending.get(end) != 0) {
                end++;
            }
            if (end >= length) {
                return new Malformed(i == 0 && pos == length
                        ? "IPC message announces " + count + " arguments but holds none"
                        : "IPC message announces " + count + " arguments but holds " + i
                                + (pos < length ? " and an unterminated string" : ""), false);
            }
            String arg = text(pos, end);
            if (arg == null) {
                return new Malformed("IPC argument " + (i + 1) + " is not valid UTF-8", false);
            }
            args.add(arg);
            pos = end + 1;
        }
        return new Decoded(new IpcMessage(command, args));
    }

    /** @return the UTF-8 text of pending[from, to), or {@code null} if it is not valid UTF-8 */
    private String text(int from, int to) {
        byte[] bytes = pending.array();
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) { // interface names and addresses: no decoder needed
            return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(pending.duplicate().position(from).limit(to)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
