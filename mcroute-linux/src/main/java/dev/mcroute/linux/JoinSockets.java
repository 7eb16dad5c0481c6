package dev.mcroute.linux;

import static dev.mcroute.linux.MrouteAbi.*;

import com.sun.jna.Memory;
import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouterException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Group memberships held by UDP sockets that never receive anything (they are not bound). A socket
 * holds at most {@code net.ipv4.igmp_max_memberships} groups (ENOBUFS beyond), so more sockets are
 * opened as needed; ASM and SSM joins use separate sockets because one socket cannot hold a group in
 * both modes. New sockets are created on the router's thread so that they live in its network
 * namespace. Thread-safe: every method is serialized on this object.
 */
final class JoinSockets implements GroupMembership, AutoCloseable {
    private enum Pool { IPV4_ASM, IPV4_SSM, IPV6_ASM, IPV6_SSM }

    private final EventLoop loop;
    private final ToIntFunction<String> interfaceIndex;
    private final Map<Pool, List<Integer>> pools = new EnumMap<>(Pool.class);
    private final Map<Membership, Integer> joined = new LinkedHashMap<>();
    /**
     * Sockets that refused a new group (ENOBUFS at {@code igmp_max_memberships}), skipped until a
     * leave makes room: trying each full socket again made n joins cost n²/40 failing calls.
     */
    private final Set<Integer> full = new HashSet<>();
    /**
     * Sockets that refused another source of a group they hold (ENOBUFS at {@code igmp_max_msf}),
     * which still take other groups.
     */
    private final Set<SocketGroup> fullGroups = new HashSet<>();
    /** How many memberships each socket holds of a group: tells the two ENOBUFS apart at once. */
    private final Map<SocketGroup, Integer> held = new HashMap<>();
    private final Memory request = new Memory(GROUP_SOURCE_REQ_SIZE);
    private boolean closed;

    /** A group on an interface, in one socket: the kernel keeps source filters per such triple. */
    private record SocketGroup(int fd, String interfaceName, InetAddress group) {
        SocketGroup(int fd, Membership membership) {
            this(fd, membership.interfaceName(), membership.group());
        }
    }

    /**
     * @param loop           runs socket creation in the router's network namespace
     * @param interfaceIndex resolves an interface name in that namespace
     */
    JoinSockets(EventLoop loop, ToIntFunction<String> interfaceIndex) {
        this.loop = loop;
        this.interfaceIndex = interfaceIndex;
    }

    /**
     * Tries the sockets of the membership's pool in order and opens another one when all are full.
     * No lock is held while the router's thread opens a socket, so listeners on that thread may join too.
     */
    @Override
    public void join(Membership membership) {
        String call = membership.source() != null ? "MCAST_JOIN_SOURCE_GROUP" : "MCAST_JOIN_GROUP";
        int option = membership.source() != null ? MCAST_JOIN_SOURCE_GROUP : MCAST_JOIN_GROUP;
        synchronized (this) {
            checkOpen(call, membership);
        }
        int index = interfaceIndex.applyAsInt(membership.interfaceName());
        while (true) {
            synchronized (this) {
                checkOpen(call, membership);
                if (joined.containsKey(membership)) {
                    // refused as the socket holding it would, were it not at a limit: then it answers
                    // ENOBUFS (or is skipped as full below), and another socket would join it twice
                    throw Errno.exception(call, membership.toString(),
                            membership.source() != null ? Errno.EADDRNOTAVAIL : Errno.EADDRINUSE);
                }
                for (int fd : pools.computeIfAbsent(pool(membership), p -> new ArrayList<>())) {
                    if (full.contains(fd) || fullGroups.contains(new SocketGroup(fd, membership))) {
                        continue;
                    }
                    int errno = apply(fd, membership, index, option);
                    if (errno == 0) {
                        joined.put(membership, fd);
                        held.merge(new SocketGroup(fd, membership), 1, Integer::sum);
                        return;
                    }
                    if (errno != Errno.ENOBUFS) {
                        throw Errno.exception(call, membership.toString(), errno);
                    }
                    if (membership.source() != null && held.containsKey(new SocketGroup(fd, membership))) {
                        fullGroups.add(new SocketGroup(fd, membership));
                    } else {
                        full.add(fd);
                    }
                }
            }
            int fd = loop.call(() -> openSocket(membership));
            synchronized (this) {
                if (closed) {
                    Libc.close(fd);
                    checkOpen(call, membership);
                }
                pools.get(pool(membership)).add(fd);
            }
        }
    }

    @Override
    public synchronized void leave(Membership membership) {
        boolean ssm = membership.source() != null;
        String call = ssm ? "MCAST_LEAVE_SOURCE_GROUP" : "MCAST_LEAVE_GROUP";
        checkOpen(call, membership);
        Integer fd = joined.get(membership);
        if (fd == null) {
            throw Errno.exception(call, membership.toString(), Errno.EADDRNOTAVAIL, "not joined by this router");
        }
        int index = interfaceIndex.applyAsInt(membership.interfaceName());
        int errno = apply(fd, membership, index, ssm ? MCAST_LEAVE_SOURCE_GROUP : MCAST_LEAVE_GROUP);
        if (errno != 0) {
            throw Errno.exception(call, membership.toString(), errno);
        }
        joined.remove(membership);
        full.remove(fd);
        SocketGroup socketGroup = new SocketGroup(fd, membership);
        fullGroups.remove(socketGroup);
        held.computeIfPresent(socketGroup, (key, count) -> count > 1 ? count - 1 : null);
    }

    @Override
    public synchronized List<Membership> memberships() {
        return List.copyOf(joined.keySet());
    }

    private void checkOpen(String call, Membership membership) {
        if (closed) {
            throw new MulticastRouterException(call, membership.toString(), "the router is closed");
        }
    }

    private static Pool pool(Membership m) {
        if (m.family() == Family.IPV4) {
            return m.source() == null ? Pool.IPV4_ASM : Pool.IPV4_SSM;
        }
        return m.source() == null ? Pool.IPV6_ASM : Pool.IPV6_SSM;
    }

    private static int openSocket(Membership membership) {
        int domain = membership.family() == Family.IPV4 ? Libc.AF_INET : Libc.AF_INET6;
        int fd = Libc.socket(domain, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, Libc.IPPROTO_UDP);
        if (fd < 0) {
            throw Errno.exception("socket", "UDP socket for " + membership, Errno.last());
        }
        return fd;
    }

    /** @return 0 or the errno of the setsockopt */
    private int apply(int fd, Membership membership, int index, int option) {
        boolean ssm = membership.source() != null;
        int size = ssm ? GROUP_SOURCE_REQ_SIZE : GROUP_REQ_SIZE;
        request.clear(size);
        request.setInt(ssm ? GROUP_SOURCE_REQ_INTERFACE : GROUP_REQ_INTERFACE, index);
        writeSockaddr(ssm ? GROUP_SOURCE_REQ_GROUP : GROUP_REQ_GROUP, membership.group());
        if (ssm) {
            writeSockaddr(GROUP_SOURCE_REQ_SOURCE, membership.source());
        }
        int level = membership.family() == Family.IPV4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6;
        return Libc.setsockopt(fd, level, option, request, size) < 0 ? Errno.last() : 0;
    }

    private void writeSockaddr(int offset, InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            request.setShort(offset + SOCKADDR_IN_FAMILY, (short) Libc.AF_INET);
            request.write(offset + SOCKADDR_IN_ADDR, bytes, 0, 4);
        } else {
            request.setShort(offset + SOCKADDR_IN6_FAMILY, (short) Libc.AF_INET6);
            request.write(offset + SOCKADDR_IN6_ADDR, bytes, 0, 16);
        }
    }

    /** Closes every socket, which leaves every group. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pools.values().forEach(list -> list.forEach(Libc::close));
        pools.clear();
        joined.clear();
        full.clear();
        fullGroups.clear();
        held.clear();
    }
}
