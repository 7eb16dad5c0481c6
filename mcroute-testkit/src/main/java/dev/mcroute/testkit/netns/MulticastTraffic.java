package dev.mcroute.testkit.netns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real UDP multicast inside namespaces: a sender, and receivers that count what arrives. */
public final class MulticastTraffic {
    private MulticastTraffic() {
    }

    /**
     * Sends {@code count} datagrams, numbered {@code PREFIX-0}, {@code PREFIX-1}..., from a socket
     * created in the namespace, out of one interface with the given TTL (hop limit).
     *
     * @param ns            the namespace
     * @param interfaceName the outgoing interface
     * @param group         the destination group and port
     * @param ttl           the TTL or hop limit
     * @param count         how many datagrams
     * @param prefix        the start of each payload
     * @throws Exception if sending fails
     */
    public static void send(NetNamespace ns, String interfaceName, InetSocketAddress group, int ttl, int count,
                            String prefix) throws Exception {
        send(ns, interfaceName, group, ttl, count, prefix, Duration.ZERO);
    }

    /**
     * Sends {@code count} numbered datagrams like {@link #send(NetNamespace, String,
     * InetSocketAddress, int, int, String)}, one every {@code interval}: a steady stream.
     *
     * @param ns            the namespace
     * @param interfaceName the outgoing interface
     * @param group         the destination group and port
     * @param ttl           the TTL or hop limit
     * @param count         how many datagrams
     * @param prefix        the start of each payload
     * @param interval      the time between two datagrams; zero for back to back
     * @throws Exception if sending fails
     */
    public static void send(NetNamespace ns, String interfaceName, InetSocketAddress group, int ttl, int count,
                            String prefix, Duration interval) throws Exception {
        long gap = interval.toNanos();
        ns.call(() -> {
            try (DatagramChannel channel = DatagramChannel.open(family(group.getAddress()))) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, byName(interfaceName));
                channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
                channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    if (gap > 0) {
                        // pace by deadline, not by sleeping a fixed time, so the rate holds under load
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        next += gap;
                    }
                    channel.send(ByteBuffer.wrap((prefix + "-" + i).getBytes(StandardCharsets.UTF_8)), group);
                }
            }
            return null;
        });
    }

    /**
     * Opens a receiver: a socket in the namespace bound to the group's port that joined the group
     * on one interface.
     *
     * @param ns            the namespace
     * @param interfaceName where to join
     * @param group         the group and port
     * @return the receiver; close it
     * @throws Exception if the socket cannot be set up
     */
    public static Receiver receiver(NetNamespace ns, String interfaceName, InetSocketAddress group) throws Exception {
        return ns.call(() -> {
            DatagramChannel channel = DatagramChannel.open(family(group.getAddress()));
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(group.getPort()));
                channel.join(group.getAddress(), byName(interfaceName));
                channel.configureBlocking(false);
                return new Receiver(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    private static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** Must run on the namespace's thread: the JDK looks interfaces up through a socket of that thread. */
    private static NetworkInterface byName(String name) throws SocketException {
        NetworkInterface found = NetworkInterface.getByName(name);
        if (found == null) {
            throw new SocketException("no interface " + name + " in this namespace");
        }
        return found;
    }

    /** Collects datagrams that arrive at a joined socket. */
    public static final class Receiver implements AutoCloseable {
        private final DatagramChannel channel;
        private final Selector selector;
        private final List<String> received = new ArrayList<>();

        private Receiver(DatagramChannel channel) throws IOException {
            this.channel = channel;
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        /**
         * Waits until {@code expected} datagrams have arrived in total, or the time is up.
         *
         * @param expected how many to wait for
         * @param patience the longest wait
         * @return every payload received so far, in arrival order
         * @throws IOException if receiving fails
         */
        public List<String> awaitCount(int expected, Duration patience) throws IOException {
            long deadline = System.nanoTime() + patience.toNanos();
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            while (received.size() < expected) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                while (channel.receive(buffer.clear()) != null) {
                    buffer.flip();
                    received.add(StandardCharsets.UTF_8.decode(buffer).toString());
                }
            }
            return List.copyOf(received);
        }

        /**
         * Collects for a while, for tests that expect nothing (or nothing more) to arrive.
         *
         * @param quietPeriod how long to listen
         * @return every payload received so far
         * @throws IOException if receiving fails
         */
        public List<String> collectFor(Duration quietPeriod) throws IOException {
            return awaitCount(Integer.MAX_VALUE, quietPeriod);
        }

        /** Forgets what was received so far. */
        public void clear() {
            received.clear();
        }

        @Override
        public void close() throws IOException {
            selector.close();
            channel.close();
        }
    }
}
