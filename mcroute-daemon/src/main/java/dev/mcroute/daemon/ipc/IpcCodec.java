package dev.mcroute.daemon.ipc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The wire layout of a request, as the C struct on an LP64 machine: {@code u64 len}, {@code u16
 * cmd}, {@code u16 count}, 4 bytes padding, then {@code count} NUL-terminated strings and one
 * more NUL. Native byte order; at most {@link #MAX_MESSAGE} bytes.
 */
public final class IpcCodec {
    /** Bytes before the strings. */
    public static final int HEADER = 16;
    /** The largest message either side accepts. */
    public static final int MAX_MESSAGE = 1024;
    /** The byte order of the wire: the machine's own, as the C programs write structs. */
    public static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private IpcCodec() {
    }

    /**
     * @param message the request
     * @return its bytes
     * @throws IllegalArgumentException if it does not fit in {@link #MAX_MESSAGE} bytes or an
     *                                  argument holds a NUL
     */
    public static byte[] encode(IpcMessage message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String arg : message.args()) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument holds a NUL byte");
            }
            body.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        int length = HEADER + body.size();
        if (length > MAX_MESSAGE) {
            throw new IllegalArgumentException("command too long: " + length + " bytes, at most " + MAX_MESSAGE);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ORDER);
        buffer.putLong(length).putShort((short) message.command()).putShort((short) message.args().size()).putInt(0);
        buffer.put(body.toByteArray());
        return buffer.array();
    }
}
