package dev.mcroute.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpcDecoderTest {

    private static ByteBuffer header(long length, int command, int count, int bodyBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + bodyBytes).order(IpcCodec.ORDER);
        buffer.putLong(length).putShort((short) command).putShort((short) count).putInt(0);
        return buffer;
    }

    private static IpcDecoder.Malformed malformed(byte[] bytes) {
        List<IpcDecoder.Result> results = IpcCodecTest.decode(bytes);
        assertEquals(1, results.size(), results.toString());
        return assertInstanceOf(IpcDecoder.Malformed.class, results.get(0));
    }

    @Test
    void lengthShorterThanHeaderIsFatal() {
        IpcDecoder.Malformed m = malformed(header(8, 'k', 0, 1).array());
        assertEquals("Invalid IPC message length 8, must be 17-1024", m.error());
        assertEquals(true, m.fatal());
    }

    @Test
    void lengthBeyond1024IsFatal() {
        assertEquals("Invalid IPC message length 5000, must be 17-1024", malformed(header(5000, 'k', 0, 1).array()).error());
        assertEquals("Invalid IPC message length 18446744073709551615, must be 17-1024",
                malformed(header(-1, 'k', 0, 1).array()).error());
    }

    @Test
    void streamEndingInsideAMessage() {
        ByteBuffer b = header(100, 'a', 2, 10);
        assertEquals("Truncated IPC message: got 26 of 100 bytes", malformed(b.array()).error());
        assertEquals("Truncated IPC message: got 3 bytes", malformed(new byte[] {1, 2, 3}).error());
    }

    @Test
    void countLargerThanTheStringsPresent() {
        ByteBuffer b = header(16 + 6, 'a', 65535, 6);
        b.put("eth0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        IpcDecoder.Malformed m = malformed(b.array());
        assertEquals("IPC message announces 65535 arguments but holds 2", m.error());
        assertEquals(false, m.fatal());
    }

    @Test
    void stringWithoutNul() {
        ByteBuffer b = header(16 + 4, 'j', 1, 4);
        b.put("eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("IPC message announces 1 arguments but holds 0 and an unterminated string", malformed(b.array()).error());
    }

    @Test
    void bytesThatAreNotUtf8() {
        ByteBuffer b = header(16 + 4, 'j', 1, 4);
        b.put(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        assertEquals("IPC argument 1 is not valid UTF-8", malformed(b.array()).error());
    }

    @Test
    void aBadMessageDoesNotStopTheNextOne() {
        ByteBuffer bad = header(16 + 4, 'j', 1, 4);
        bad.put(new byte[] {(byte) 0xff, 0, 0, 0});
        byte[] good = IpcCodec.encode(IpcMessage.of('s'));
        byte[] both = new byte[bad.capacity() + good.length];
        System.arraycopy(bad.array(), 0, both, 0, bad.capacity());
        System.arraycopy(good, 0, both, bad.capacity(), good.length);
        List<IpcDecoder.Result> results = IpcCodecTest.decode(both);
        assertInstanceOf(IpcDecoder.Malformed.class, results.get(0));
        assertEquals(new IpcDecoder.Decoded(IpcMessage.of('s')), results.get(1));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length >= 8 && random.nextBoolean()) {
                ByteBuffer.wrap(bytes).order(IpcCodec.ORDER).putLong(0, bytes.length - random.nextInt(4));
            }
            IpcCodecTest.decode(bytes); // must return, whatever the bytes
        }
    }
}
