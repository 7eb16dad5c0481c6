package dev.mcroute.daemon.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.daemon.FakeRouter;
import dev.mcroute.daemon.Golden;
import dev.mcroute.daemon.Snapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpcServerTest {
    @TempDir
    Path dir;
    private final FakeRouter router = new FakeRouter();
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor();
    private IpcServer server;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("s.sock");
        server = IpcServer.start(socket, new CommandDispatcher(router, eventLoop, e -> { }), Duration.ofSeconds(2), 2000,
                e -> { });
    }

    @AfterEach
    void stop() {
        server.close();
        eventLoop.shutdownNow();
    }

    /** Sends raw bytes, half-closes, and reads everything until the server closes. */
    private byte[] exchange(byte[]... messages) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            for (byte[] message : messages) {
                channel.write(ByteBuffer.wrap(message));
            }
            return readAll(channel);
        }
    }

    private static byte[] readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toByteArray();
    }

    @Test
    void socketIsGroupOnlyAndCommandsReachTheRouter() throws IOException {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-add-star.bin")));
        assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-del-ranges.bin")));
        assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-leave-v6.bin")));
        assertEquals(List.of("add eth0 (*, 225.1.2.3) [eth1, eth2]", "remove eth0 (10.0.0.0/24, 225.1.2.0/24)",
                "leave eth0 (::1, ff05::1)"), router.calls);
    }

    @Test
    void showRepliesAreTheCDaemonsBytes() throws IOException {
        router.snapshot = Snapshots.c1();
        assertArrayEquals(Golden.bytes("daemon-show-routes.bin"), exchange(Golden.bytes("ctl-show.bin")));
        assertArrayEquals(Golden.bytes("daemon-show-groups.bin"), exchange(Golden.bytes("ctl-show-groups.bin")));
        assertArrayEquals(Golden.bytes("daemon-show-routes-detailed.bin"), exchange(Golden.bytes("ctl-show-detailed.bin")));
        assertArrayEquals(Golden.bytes("daemon-unknown-x.bin"), exchange(IpcCodec.encode(IpcMessage.of('x'))));
    }

    /** A batch as our client sends it: all requests in one write, then a half-close. */
    private byte[] batch(List<IpcMessage> messages) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        messages.forEach(m -> request.writeBytes(IpcCodec.encode(m)));
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.wrap(request.toByteArray());
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            return readAll(channel);
        }
    }

    @Test
    void batchIsAnsweredInOrderOverOneConnection() throws IOException {
        byte[] reply = batch(List.of(IpcMessage.of('a', "bad0", "225.1.1.1", "eth1"), IpcMessage.of('j', "eth0", "225.1.1.1"),
                IpcMessage.of('a', "eth0", "10.0.0.1/33", "225.1.1.1", "eth1"), IpcMessage.of('s', "pending")));
        assertEquals("Unknown interface bad0\0\0invalid prefix length: 33 in source 10.0.0.1/33 (0-32)\0"
                + "No pending routes or groups\n\0", new String(reply, StandardCharsets.UTF_8));
        assertEquals(List.of("join eth0 (*, 225.1.1.1)"), router.calls);
    }

    @Test
    void batchLargerThanTheSocketBufferIsAnsweredWhole() throws IOException {
        List<IpcMessage> adds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            adds.add(IpcMessage.of('a', "eth0", "10.0.0.1", "225.1." + i / 256 + "." + i % 256, "eth1"));
        }
        assertArrayEquals(new byte[adds.size()], batch(adds));
        assertEquals(adds.size(), router.calls.size());
    }

    @Test
    void aReloadAndTheCommandsAfterItRunInOrder() throws IOException {
        byte[] reply = batch(List.of(IpcMessage.of('j', "eth0", "225.1.1.1"), IpcMessage.of('H'),
                IpcMessage.of('l', "eth0", "225.1.1.1")));
        assertArrayEquals(new byte[3], reply);
        assertEquals(List.of("join eth0 (*, 225.1.1.1)", "reload", "leave eth0 (*, 225.1.1.1)"), router.calls);
    }

    @Test
    void messageSplitAcrossReadsIsReassembled() throws Exception {
        byte[] message = Golden.bytes("ctl-join.bin");
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            for (byte b : message) {
                channel.write(ByteBuffer.wrap(new byte[] {b}));
                Thread.sleep(2);
            }
            assertArrayEquals(new byte[1], readAll(channel));
        }
        assertEquals(List.of("join eth0 (*, 225.1.2.3)"), router.calls);
    }

    @Test
    void malformedInputGetsAnErrorAndTheServerGoesOn() throws IOException {
        ByteBuffer huge = ByteBuffer.allocate(16).order(IpcCodec.ORDER).putLong(1 << 20).putShort((short) 'a');
        assertEquals("Invalid IPC message length 1048576, must be 17-1024\0",
                new String(exchange(huge.array()), StandardCharsets.UTF_8));
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(Golden.bytes("ctl-join.bin"), 0, 20));
            channel.shutdownOutput();
            assertEquals("Truncated IPC message: got 20 of 32 bytes\0", new String(readAll(channel), StandardCharsets.UTF_8));
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            many.add("eth" + i);
        }
        many.add(0, "225.1.1.1");
        many.add(0, "eth99");
        assertEquals("too many outbound interfaces: 33, at most 32\0", new String(exchange(IpcCodec.encode(
                new IpcMessage('a', many))), StandardCharsets.UTF_8));
        assertEquals("missing group after source 10.0.0.1\0", new String(exchange(IpcCodec.encode(
                IpcMessage.of('a', "eth0", "10.0.0.1"))), StandardCharsets.UTF_8));
        assertEquals("invalid interface name 'eth0123456789abcdef': 1-15 characters\0", new String(exchange(IpcCodec.encode(
                IpcMessage.of('j', "eth0123456789abcdef", "225.1.1.1"))), StandardCharsets.UTF_8));
        assertEquals("source ::1 and group 225.1.1.1 are of different address families\0", new String(exchange(
                IpcCodec.encode(IpcMessage.of('j', "eth0", "::1", "225.1.1.1"))), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-flush.bin")));
        assertEquals(List.of("flush"), router.calls);
    }

    @Test
    void aStarGRouteWith32OutboundInterfacesIsAccepted() throws IOException {
        List<String> args = new ArrayList<>(List.of("eth99", "225.1.1.1"));
        for (int i = 0; i < 32; i++) {
            args.add("eth" + i);
        }
        assertArrayEquals(new byte[1], exchange(IpcCodec.encode(new IpcMessage('a', args))));
        assertEquals(1, router.calls.size());
        assertTrue(router.calls.get(0).endsWith(", eth31]"), router.calls.get(0));
    }

    @Test
    void aSlowClientDoesNotHoldUpAFastOne() throws Exception {
        byte[] message = Golden.bytes("ctl-flush.bin");
        try (SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            slow.write(ByteBuffer.wrap(message, 0, 1));
            assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-reload.bin")));
            assertEquals(List.of("reload"), router.calls);
            slow.write(ByteBuffer.wrap(message, 1, message.length - 1));
            assertArrayEquals(new byte[1], readAll(slow));
        }
        assertEquals(List.of("reload", "flush"), router.calls);
    }

    @Test
    void silentClientsDoNotStallOthers() throws Exception {
        List<SocketChannel> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(new byte[] {17}));
                silent.add(channel);
            }
            assertArrayEquals(new byte[1], exchange(Golden.bytes("ctl-reload.bin")));
            // and the silent ones are dropped after the timeout: their read sees end of stream
            ByteBuffer buffer = ByteBuffer.allocate(16);
            assertEquals(-1, silent.get(0).read(buffer));
        } finally {
            for (SocketChannel channel : silent) {
                channel.close();
            }
        }
    }

    @Test
    void aClientReadingItsReplySlowerThanTheTimeoutGetsAllOfIt() throws Exception {
        // a show piped into a pager: the request is complete, the reader pauses (C's daemon waits too)
        byte[] reply = new byte[4 << 20]; // far beyond what the socket buffers hold
        Arrays.fill(reply, (byte) 'x');
        reply[reply.length - 1] = 0;
        Path path = dir.resolve("slow-reader.sock");
        try (IpcServer slow = IpcServer.start(path, m -> CompletableFuture.completedFuture(reply),
                Duration.ofMillis(200), 10, e -> { });
             SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            client.write(ByteBuffer.wrap(IpcCodec.encode(IpcMessage.of('s'))));
            Thread.sleep(1000); // five timeouts without reading
            assertArrayEquals(reply, readAll(client));
        }
    }

    @Test
    void aThousandClientsAtOnceAreAllServed() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                replies.add(clients.submit(() -> exchange(IpcCodec.encode(IpcMessage.of('j', "eth0", "225.1.1." + (n % 250))))));
            }
            for (Future<byte[]> reply : replies) {
                assertArrayEquals(new byte[1], reply.get());
            }
            assertEquals(1000, router.calls.size());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void staleSocketFileIsReplacedButALiveDaemonIsNot() throws IOException {
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        try (IpcServer second = IpcServer.start(stale, m -> java.util.concurrent.CompletableFuture.completedFuture(new byte[1]),
                Duration.ofSeconds(1), 10, e -> { })) {
            assertEquals(1, new IpcClient(stale, Duration.ZERO).send(List.of(IpcMessage.of('F'))).size());
        }
        assertTrue(Files.notExists(stale));
        IOException e = assertThrows(IOException.class, () -> IpcServer.start(socket,
                m -> java.util.concurrent.CompletableFuture.completedFuture(new byte[1]), Duration.ofSeconds(1), 10, x -> { }));
        assertEquals("another daemon is listening on " + socket, e.getMessage());
    }
}
