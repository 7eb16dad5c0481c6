package dev.mcroute.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.daemon.Golden;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class IpcCodecTest {

    /** Requests the C smcroutectl sent (golden/ctl-requests.txt lists the command lines). */
    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("ctl-add-star.bin", IpcMessage.of('a', "eth0", "225.1.2.3", "eth1", "eth2")),
                Arguments.of("ctl-add-sg.bin", IpcMessage.of('a', "eth0", "10.0.0.1", "225.1.2.3", "eth1")),
                Arguments.of("ctl-remove.bin", IpcMessage.of('r', "eth0", "225.1.2.3")),
                Arguments.of("ctl-del-ranges.bin", IpcMessage.of('r', "eth0", "10.0.0.1/24", "225.1.2.0/24")),
                Arguments.of("ctl-join.bin", IpcMessage.of('j', "eth0", "225.1.2.3")),
                Arguments.of("ctl-leave-v6.bin", IpcMessage.of('l', "eth0", "::1", "ff05::1")),
                Arguments.of("ctl-flush.bin", IpcMessage.of('F')),
                Arguments.of("ctl-kill.bin", IpcMessage.of('k')),
                Arguments.of("ctl-reload.bin", IpcMessage.of('H')),
                Arguments.of("ctl-show.bin", IpcMessage.of('s')),
                Arguments.of("ctl-show-groups.bin", IpcMessage.of('s', "groups")),
                Arguments.of("ctl-show-detailed.bin", IpcMessage.of('S', "routes")));
    }

    @ParameterizedTest
    @MethodSource("captured")
    void encodesExactlyAsTheCClient(String file, IpcMessage message) {
        assertArrayEquals(Golden.bytes(file), IpcCodec.encode(message));
    }

    @ParameterizedTest
    @MethodSource("captured")
    void decodesWhatTheCClientSends(String file, IpcMessage message) {
        IpcDecoder decoder = new IpcDecoder();
        decoder.feed(ByteBuffer.wrap(Golden.bytes(file)));
        assertEquals(new IpcDecoder.Decoded(message), decoder.next().orElseThrow());
        assertTrue(decoder.next().isEmpty());
    }

    @Test
    void batchSplitAtEveryByteDecodesInOrder() {
        byte[] a = Golden.bytes("ctl-add-star.bin");
        byte[] b = Golden.bytes("ctl-show-groups.bin");
        byte[] stream = new byte[a.length + b.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        IpcDecoder decoder = new IpcDecoder();
        List<IpcDecoder.Result> results = new java.util.ArrayList<>();
        for (byte x : stream) {
            decoder.feed(ByteBuffer.wrap(new byte[] {x}));
            decoder.next().ifPresent(results::add);
        }
        assertEquals(List.of(new IpcDecoder.Decoded(IpcMessage.of('a', "eth0", "225.1.2.3", "eth1", "eth2")),
                new IpcDecoder.Decoded(IpcMessage.of('s', "groups"))), results);
        assertTrue(decoder.endOfStream().isEmpty());
    }

    @Test
    void refusesToEncodeMoreThan1024Bytes() {
        String[] args = new String[80];
        java.util.Arrays.fill(args, "interface12345");
        assertThrows(IllegalArgumentException.class, () -> IpcCodec.encode(IpcMessage.of('a', args)));
    }

    @Test
    void fixedHeaderLayout() {
        byte[] bytes = IpcCodec.encode(IpcMessage.of('j', "x"));
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(IpcCodec.ORDER);
        assertEquals(bytes.length, buffer.getLong(0));
        assertEquals('j', buffer.getShort(8));
        assertEquals(1, buffer.getShort(10));
        assertEquals(0, buffer.getInt(12));
        assertInstanceOf(IpcDecoder.Decoded.class, decode(bytes).get(0));
    }

    static List<IpcDecoder.Result> decode(byte[] bytes) {
        IpcDecoder decoder = new IpcDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<IpcDecoder.Result> results = new java.util.ArrayList<>();
        while (true) {
            decoder.feed(in);
            var next = decoder.next();
            if (next.isEmpty()) {
                break;
            }
            results.add(next.get());
        }
        decoder.endOfStream().ifPresent(results::add);
        return results;
    }
}
