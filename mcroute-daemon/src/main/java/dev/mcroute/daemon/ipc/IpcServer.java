package dev.mcroute.daemon.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The daemon's UNIX stream socket. One selector thread serves every client, so a client that
 * sends nothing or one byte a second cannot hold up others; it is dropped when it has not
 * completed a request within the timeout. Once it has, it waits for its reply and reads it at
 * its own pace. Requests of one connection are answered in order. A
 * connection that brought a single request is closed once it is answered, as the C client reads
 * until end of file; a batch of several is closed when the client has half-closed its side and
 * every request is answered (or when it idles past the timeout).
 */
public final class IpcServer implements AutoCloseable {

    /** Answers one request; the future completes with the reply bytes. */
    public interface Handler {
        /**
         * @param message the request
         * @return the reply bytes, when ready
         */
        CompletableFuture<byte[]> handle(IpcMessage message);
    }

    /** Replies queued per connection before the server stops reading from it. */
    private static final int MAX_BACKLOG = 64;
    private static final long STOP_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Path path;
    private final Handler handler;
    private final long timeoutNanos;
    private final int maxClients;
    private final Consumer<String> log;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = new HashSet<>();
    /** Shared by all connections: each read is decoded in full before the next (direct: no copy). */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
    private final Thread thread;
    private volatile boolean stopping;

    private IpcServer(Path path, Handler handler, Duration timeout, int maxClients, Consumer<String> log)
            throws IOException {
        this.path = path;
        this.handler = handler;
        this.timeoutNanos = timeout.toNanos();
        this.maxClients = maxClients;
        this.log = log;
        this.server = bind(path);
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, "ipc-server");
        thread.setDaemon(true);
    }

    /**
     * Binds the socket (mode 0660, replacing a stale socket file) and starts serving.
     *
     * @param path       the socket path
     * @param handler    answers requests
     * @param timeout    how long a client may take to send a complete request
     * @param maxClients connections served at once; more are closed at once
     * @param log        debug messages
     * @return the running server
     * @throws IOException if the socket cannot be bound, or another daemon listens on it
     */
    public static IpcServer start(Path path, Handler handler, Duration timeout, int maxClients, Consumer<String> log)
            throws IOException {
        IpcServer server = new IpcServer(path, handler, timeout, maxClients, log);
        server.thread.start();
        return server;
    }

    /** @return the socket path */
    public Path path() {
        return path;
    }

    private static ServerSocketChannel bind(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            boolean live;
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                live = true;
            } catch (IOException refused) {
                live = false;
            }
            if (live) {
                throw new IOException("another daemon is listening on " + path);
            }
            Files.delete(path); // stale: left by a daemon that died
        }
        // bind under a temporary name and rename, so the socket never exists with a wider mode
        Path temporary = path.resolveSibling("." + ProcessHandle.current().pid() + ".sock");
        Files.deleteIfExists(temporary);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temporary), 1024);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw----"));
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
        return channel;
    }

    private void run() {
        long stopDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (stopping && stopDeadline == Long.MAX_VALUE) {
                    stopDeadline = System.nanoTime() + STOP_GRACE_NANOS;
                    server.close();
                    connections.stream().filter(Connection::idle).toList().forEach(this::drop);
                }
                if (stopping && (connections.isEmpty() || System.nanoTime() > stopDeadline)) {
                    break;
                }
                selector.select(Math.max(1, Math.min(1000, nearestDeadlineMillis())));
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Connection connection = (Connection) key.attachment();
                        if (key.isReadable()) {
                            read(connection);
                        }
                        if (key.isValid() && key.isWritable()) {
                            flush(connection);
                        }
                    }
                }
                selector.selectedKeys().clear();
                expire();
            }
        } catch (IOException | RuntimeException e) {
            log.accept("IPC server stopped: " + e);
        } finally {
            connections.stream().toList().forEach(this::drop);
            closeQuietly();
        }
    }

    /** Accepts every waiting client and serves what each has sent already, saving a selector pass. */
    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (connections.size() >= maxClients) {
                log.accept("IPC: too many clients, refusing one");
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            Connection connection = new Connection(channel, System.nanoTime() + timeoutNanos);
            connections.add(connection);
            read(connection); // registers it with the selector only if it has to wait
        }
    }

    private void read(Connection connection) {
        try {
            readOnce(connection);
            flush(connection);
        } catch (IOException e) {
            drop(connection);
        }
    }

    /** Reads what is available now and decodes it; returns the byte count or -1 at end of stream. */
    private int readOnce(Connection connection) throws IOException {
        ByteBuffer buffer = readBuffer;
        int n = connection.channel.read(buffer);
        if (n < 0) {
            connection.inputClosed = true;
            connection.decoder.endOfStream().ifPresent(malformed -> queue(connection,
                    CompletableFuture.completedFuture(CommandDispatcher.errorReply(malformed.error()))));
            return n;
        }
        buffer.flip();
        while (buffer.hasRemaining() && !connection.inputClosed) {
            connection.decoder.feed(buffer);
            drain(connection);
        }
        buffer.clear();
        return n;
    }

    private void drain(Connection connection) {
        Optional<IpcDecoder.Result> result;
        while (!connection.inputClosed && (result = connection.decoder.next()).isPresent()) {
            if (result.get() instanceof IpcDecoder.Decoded decoded) {
                CompletableFuture<byte[]> reply;
                try {
                    reply = handler.handle(decoded.message());
                } catch (RuntimeException e) {
                    reply = CompletableFuture.failedFuture(e);
                }
                queue(connection, reply.exceptionally(e -> CommandDispatcher.errorReply("Internal error: " + e)));
            } else if (result.get() instanceof IpcDecoder.Malformed malformed) {
                queue(connection, CompletableFuture.completedFuture(CommandDispatcher.errorReply(malformed.error())));
                connection.inputClosed |= malformed.fatal();
            }
        }
    }

    private void queue(Connection connection, CompletableFuture<byte[]> reply) {
        connection.replies.add(reply);
        if (reply.isDone()) {
            return; // answered on this thread: the caller flushes
        }
        reply.whenComplete((bytes, error) -> {
            tasks.add(() -> flush(connection));
            selector.wakeup();
        });
    }

    private void flush(Connection connection) {
        if (!connection.channel.isOpen()) {
            return;
        }
        try {
            while (!connection.replies.isEmpty() && connection.replies.peek().isDone()) {
                connection.output.add(ByteBuffer.wrap(connection.replies.poll().join()));
                connection.deadline = System.nanoTime() + timeoutNanos;
                connection.answered++;
            }
            // one gathering write for all replies ready: a socket buffer holds few tiny writes
            // (each costs a kernel buffer of its own), so a batch's one-byte replies would fill it
            while (!connection.output.isEmpty()) {
                long written = connection.output.size() == 1 // the usual one reply: no iovec set-up
                        ? connection.channel.write(connection.output.peek())
                        : connection.channel.write(connection.output.toArray(ByteBuffer[]::new));
                if (written > 0) {
                    connection.deadline = System.nanoTime() + timeoutNanos;
                }
                while (!connection.output.isEmpty() && !connection.output.peek().hasRemaining()) {
                    connection.output.poll();
                }
                if (!connection.output.isEmpty()) {
                    break;
                }
            }
            if (connection.idle() && connection.inputClosed) {
                drop(connection);
                return;
            }
            if (connection.idle() && connection.answered == 1) {
                // one request answered, the C client's way: it reads until we close. Close, unless
                // more is here already: then it is a batch, which ends when the client half-closes
                // (a pause in a batch larger than the socket buffer is not its end)
                if (readOnce(connection) <= 0 && connection.idle()) {
                    drop(connection);
                    return;
                }
                flush(connection);
                return;
            }
            boolean wantsRead = !connection.inputClosed
                    && connection.replies.size() + connection.output.size() < MAX_BACKLOG;
            int interest = (wantsRead ? SelectionKey.OP_READ : 0)
                    | (connection.output.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            if (connection.key == null) {
                connection.key = connection.channel.register(selector, interest, connection);
            } else {
                connection.key.interestOps(interest);
            }
        } catch (IOException e) {
            drop(connection);
        }
    }

    private long nearestDeadlineMillis() {
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (Connection connection : connections) {
            if (!connection.beingAnswered()) {
                nearest = Math.min(nearest, connection.deadline - now);
            }
        }
        return nearest == Long.MAX_VALUE ? 1000 : Math.max(1, nearest / 1_000_000 + 1);
    }

    private void expire() {
        long now = System.nanoTime();
        connections.removeIf(connection -> {
            if (now - connection.deadline <= 0 || connection.beingAnswered()) {
                return false;
            }
            log.accept("IPC: dropping a client that did not complete its request in time");
            close(connection);
            return true;
        });
    }

    private void drop(Connection connection) {
        connections.remove(connection);
        close(connection);
    }

    private void close(Connection connection) {
        try {
            connection.channel.close();
        } catch (IOException e) {
            log.accept("IPC: closing a client: " + e);
        }
    }

    private void closeQuietly() {
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            log.accept("IPC: closing: " + e);
        }
    }

    /**
     * Stops accepting, gives clients with outstanding replies a moment to receive them, then
     * closes everything and removes the socket file.
     */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(STOP_GRACE_NANOS / 1_000_000 + 1000);
            Files.deleteIfExists(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.accept("IPC: removing " + path + ": " + e);
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        final IpcDecoder decoder = new IpcDecoder();
        final Queue<CompletableFuture<byte[]>> replies = new ArrayDeque<>();
        final Queue<ByteBuffer> output = new ArrayDeque<>();
        /**
         * Null until the connection first has to wait. The C client's one request per connection
         * is usually answered at once, and a channel never registered closes at once, where a
         * registered one is closed on the selector's next pass, after a shutdown of its own.
         */
        SelectionKey key;
        long deadline;
        int answered;
        boolean inputClosed;

        Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        boolean idle() {
            return replies.isEmpty() && output.isEmpty() && !decoder.hasPartial();
        }

        /**
         * A reply is being made or read: not timed out, however long a reload takes or a reader
         * pauses (a show piped into a pager); C's daemon waits for its readers too.
         */
        boolean beingAnswered() {
            return !replies.isEmpty() || !output.isEmpty();
        }
    }
}
