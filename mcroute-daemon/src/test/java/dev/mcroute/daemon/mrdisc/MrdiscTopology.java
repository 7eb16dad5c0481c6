package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Memory;
import dev.mcroute.daemon.privileges.KernelTestSupport;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A router namespace (r0, 10.99.0.1/24) and a neighbour namespace (n0, 10.99.0.2/24) joined by
 * a veth pair (IPv6 link-local addresses usable at once: no DAD), with a raw IGMP socket and a
 * raw ICMPv6 socket in the neighbour, members of 224.0.0.106 and ff02::6a on n0.
 * Everything is removed on close, also when set-up failed half-way.
 */
final class MrdiscTopology implements AutoCloseable {

    private static final long ARRIVAL_TIMEOUT_MILLIS = 10_000;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final KernelTestSupport.Namespace router;
    private final NetnsThread inRouter;
    private final IgmpSocket listener;
    private final Icmp6Socket listener6;
    private final int neighbourIndex;

    MrdiscTopology() throws Exception {
        try {
            router = add(new KernelTestSupport.Namespace("mrd-r"));
            KernelTestSupport.Namespace neighbour = add(new KernelTestSupport.Namespace("mrd-n"));
            for (KernelTestSupport.Namespace ns : List.of(router, neighbour)) {
                KernelTestSupport.run("ip", "netns", "exec", ns.name(), "sysctl", "-qw",
                        "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            }
            router.ip("link", "add", "r0", "type", "veth", "peer", "name", "n0", "netns", neighbour.name());
            router.ip("addr", "add", "10.99.0.1/24", "dev", "r0");
            neighbour.ip("addr", "add", "10.99.0.2/24", "dev", "n0");
            router.ip("link", "set", "r0", "up");
            neighbour.ip("link", "set", "n0", "up");
            // IPv6 MRD leaves from the link-local address, which exists only once both ends have carrier
            awaitLinkLocal(router, "r0");
            awaitLinkLocal(neighbour, "n0");
            inRouter = add(new NetnsThread(router.name()));
            NetnsThread inNeighbour = add(new NetnsThread(neighbour.name()));
            listener = add(inNeighbour.call(IgmpSocket::open));
            neighbourIndex = listener.indexOf("n0");
            listener.membership(MrdiscAnnouncer.ALL_SNOOPERS, neighbourIndex, true);
            listener6 = add(inNeighbour.call(Icmp6Socket::open));
            listener6.enable(MrdiscLibc.IPV6_RECVHOPLIMIT);
            listener6.enable(MrdiscLibc.IPV6_RECVHOPOPTS);
            listener6.membership(Icmp6Socket.ALL_SNOOPERS, neighbourIndex, true);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private static void awaitLinkLocal(KernelTestSupport.Namespace ns, String device) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String addresses = ns.ip("-6", "addr", "show", "dev", device, "scope", "link");
            if (addresses.contains("inet6 fe80:") && !addresses.contains("tentative")) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no usable link-local address on " + device + ": " + addresses);
            }
            Thread.sleep(20);
        }
    }

    KernelTestSupport.Namespace router() {
        return router;
    }

    /** A thread inside the router namespace, to open sockets there. */
    NetnsThread inRouter() {
        return inRouter;
    }

    /** Sends {@code igmp} from the neighbour to {@code group} out of n0. */
    void sendFromNeighbour(byte[] igmp, Inet4Address group) throws Exception {
        listener.send(igmp, group, neighbourIndex);
    }

    /** Sends {@code icmp} from the neighbour to {@code group} out of n0. */
    void sendV6FromNeighbour(byte[] icmp, java.net.Inet6Address group) throws Exception {
        listener6.send(icmp, group, neighbourIndex);
    }

    /** The next ICMPv6 message to ff02::6a arriving on n0; other ICMPv6 (MLD, ND) is skipped. */
    Icmp6Socket.Received nextV6FromRouter() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ARRIVAL_TIMEOUT_MILLIS);
        Memory pollFd = new Memory(MrdiscLibc.POLLFD_SIZE);
        while (System.nanoTime() - deadline < 0) {
            for (Icmp6Socket.Received packet = listener6.receive(); packet != null; packet = listener6.receive()) {
                if (Icmp6Socket.ALL_SNOOPERS.equals(packet.destination())) {
                    assertEquals(neighbourIndex, packet.ifindex(), "arrived on n0");
                    return packet;
                }
            }
            pollFd.clear();
            pollFd.setInt(0, listener6.fd());
            pollFd.setShort(4, MrdiscLibc.POLLIN);
            MrdiscLibc.INSTANCE.poll(pollFd, 1, 200);
        }
        return fail("no IPv6 MRD message reached the neighbour within " + ARRIVAL_TIMEOUT_MILLIS + " ms");
    }

    /** The next MRD packet (IP header included) to 224.0.0.106 arriving on n0; other IGMP is skipped. */
    byte[] nextFromRouter() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ARRIVAL_TIMEOUT_MILLIS);
        Memory pollFd = new Memory(MrdiscLibc.POLLFD_SIZE);
        while (System.nanoTime() - deadline < 0) {
            for (IgmpSocket.Received packet = listener.receive(); packet != null; packet = listener.receive()) {
                if (MrdiscAnnouncer.ALL_SNOOPERS.equals(packet.destination())) {
                    assertEquals(neighbourIndex, packet.ifindex(), "arrived on n0");
                    return packet.packet();
                }
            }
            pollFd.clear();
            pollFd.setInt(0, listener.fd());
            pollFd.setShort(4, MrdiscLibc.POLLIN);
            MrdiscLibc.INSTANCE.poll(pollFd, 1, 200);
        }
        return fail("no MRD packet reached the neighbour within " + ARRIVAL_TIMEOUT_MILLIS + " ms");
    }

    private <T extends AutoCloseable> T add(T closeable) {
        toClose.add(0, closeable);
        return closeable;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        toClose.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
