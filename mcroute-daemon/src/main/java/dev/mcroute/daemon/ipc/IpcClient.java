package dev.mcroute.daemon.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends requests over one connection and collects one NUL-terminated reply per request. */
public final class IpcClient {

    /** Nothing listens on the socket: the daemon is not running. */
    public static final class NotRunningException extends IOException {
        private static final long serialVersionUID = 1L;

        NotRunningException(String detail) {
            super(detail);
        }
    }

    /** Requests up to this size fit the socket buffer: written before reading, without a thread. */
    private static final int INLINE_WRITE_BYTES = 64 * 1024;

    private final Path socket;
    private final Duration retry;

    /**
     * @param socket the daemon's socket
     * @param retry  how long to retry a refused connection (the daemon may be starting)
     */
    public IpcClient(Path socket, Duration retry) {
        this.socket = socket;
        this.retry = retry;
    }

    /**
     * Sends the requests together over one connection. A daemon that closes the connection before
     * answering all (the C smcrouted answers one request per connection) gets the unanswered rest
     * on a new connection, until every request is answered or one connection brings no answer.
     *
     * @param messages the requests
     * @return one reply text per request, without the NUL; fewer if the daemon stopped answering
     * @throws NotRunningException if nothing listens
     * @throws IOException         on other socket errors before the first reply
     */
    public List<String> send(List<IpcMessage> messages) throws IOException {
        // encoded once: against a daemon answering one request per connection, a batch of n
        // requests takes n connections, each sending the rest from where the answers stopped
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int[] starts = new int[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            starts[i] = request.size();
            request.writeBytes(IpcCodec.encode(messages.get(i)));
        }
        byte[] bytes = request.toByteArray();
        List<String> replies = new ArrayList<>();
        while (replies.size() < messages.size()) {
            int from = starts[replies.size()];
            List<String> answered = exchange(ByteBuffer.wrap(bytes, from, bytes.length - from),
                    messages.size() - replies.size(), replies.isEmpty());
            if (answered.isEmpty()) {
                break;
            }
            replies.addAll(answered);
        }
        return replies;
    }

    /** One connection: writes the requests, half-closes, reads replies until all came or it ends. */
    private List<String> exchange(ByteBuffer out, int count, boolean first) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try (SocketChannel channel = connect()) {
            if (out.remaining() <= INLINE_WRITE_BYTES) {
                write(channel, out);
            } else {
                // the daemon answers while we write; unless someone reads, both sides would block
                Thread writer = new Thread(() -> write(channel, out), "smcroutectl-writer");
                writer.setDaemon(true);
                writer.start();
            }
            ByteBuffer in = ByteBuffer.allocate(8192);
            int nuls = 0;
            while (nuls < count && channel.read(in) >= 0) {
                for (int i = 0; i < in.position(); i++) {
                    nuls += in.get(i) == 0 ? 1 : 0;
                }
                reply.write(in.array(), 0, in.position());
                in.clear();
            }
        } catch (IOException e) {
            // after some replies, a reset (the daemon closed with requests unread) or a daemon
            // gone (a batch with kill) ends the batch with what was answered
            if (first && reply.size() == 0) {
                throw e;
            }
        }
        return split(reply.toByteArray(), count);
    }

    /** Writes the requests and half-closes, telling the daemon that the batch is complete. */
    private static void write(SocketChannel channel, ByteBuffer out) {
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
        } catch (IOException closedEarly) {
            // a daemon that answers one request per connection closed it: the reader gets what it answered
        }
    }

    private SocketChannel connect() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotRunningException("no IPC socket " + socket);
        }
        long deadline = System.nanoTime() + retry.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (ConnectException | NoSuchFileException e) {
                channel.close();
                if (System.nanoTime() - deadline > 0) {
                    throw new NotRunningException("nothing listens on " + socket);
                }
                sleep();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the daemon", e);
        }
    }

    private static List<String> split(byte[] bytes, int expected) {
        List<String> replies = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length && replies.size() < expected; i++) {
            if (bytes[i] == 0) {
                replies.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return replies;
    }
}
