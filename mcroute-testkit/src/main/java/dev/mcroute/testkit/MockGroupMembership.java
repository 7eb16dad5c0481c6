package dev.mcroute.testkit;

import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.Membership;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group memberships of one mock router, held on simulated sockets with Linux's per-socket
 * limits, so that a test can see when a provider would need another socket.
 *
 * <p>Linux lets one IPv4 socket join at most 20 groups ({@code net.ipv4.igmp_max_memberships}) and
 * hold at most 10 sources per group ({@code igmp_max_msf}); beyond that it answers ENOBUFS. IPv6
 * has no group limit per socket and 64 sources per group ({@code net.ipv6.mld_max_msf}). Like a
 * provider, this class then opens another socket. A socket that becomes empty stays open and is
 * reused; all close with the router.
 *
 * <p>Not locked on its own: every method runs under the kernel's lock.
 */
final class MockGroupMembership implements GroupMembership {
    private static final int IPV4_MAX_GROUPS = 20;
    private static final int IPV4_MAX_SOURCES = 10;
    private static final int IPV6_MAX_SOURCES = 64;

    private final MockKernel kernel;
    private final MockRouter router;
    private final List<Socket> sockets = new ArrayList<>();
    private final Set<Membership> joined = new LinkedHashSet<>();

    MockGroupMembership(MockKernel kernel, MockRouter router) {
        this.kernel = kernel;
        this.router = router;
    }

    @Override
    public void join(Membership membership) {
        synchronized (kernel.lock) {
            String operation = joinCall(membership);
            router.ensureOpen(operation);
            if (kernel.findInterface(membership.interfaceName()).isEmpty()) {
                throw Errno.ENODEV.exception(operation, membership.toString(),
                        "no interface " + membership.interfaceName());
            }
            if (joined.contains(membership)) {
                throw Errno.EADDRINUSE.exception(operation, membership.toString(), "already joined");
            }
            GroupOnInterface key = new GroupOnInterface(membership.interfaceName(), membership.group());
            socketFor(membership, key).add(key, membership.source());
            joined.add(membership);
        }
    }

    @Override
    public void leave(Membership membership) {
        synchronized (kernel.lock) {
            String operation = leaveCall(membership);
            router.ensureOpen(operation);
            if (kernel.findInterface(membership.interfaceName()).isEmpty()) {
                throw Errno.ENODEV.exception(operation, membership.toString(),
                        "no interface " + membership.interfaceName());
            }
            if (!joined.remove(membership)) {
                throw Errno.EADDRNOTAVAIL.exception(operation, membership.toString(), "not joined");
            }
            GroupOnInterface key = new GroupOnInterface(membership.interfaceName(), membership.group());
            for (Socket socket : sockets) {
                if (socket.remove(key, membership.source())) {
                    return;
                }
            }
            throw new AssertionError("joined " + membership + " but no socket holds it");
        }
    }

    @Override
    public List<Membership> memberships() {
        synchronized (kernel.lock) {
            router.ensureOpen("memberships");
            return List.copyOf(joined);
        }
    }

    int socketCount() {
        return sockets.size();
    }

    List<Membership> membershipsOn(String interfaceName) {
        return joined.stream().filter(m -> m.interfaceName().equals(interfaceName)).toList();
    }

    /** The kernel drops memberships on an interface that disappears. */
    void dropInterface(String interfaceName) {
        joined.removeIf(m -> m.interfaceName().equals(interfaceName));
        sockets.forEach(socket -> socket.groups.keySet().removeIf(k -> k.interfaceName().equals(interfaceName)));
    }

    void closeAll() {
        joined.clear();
        sockets.clear();
    }

    /** The socket that takes the membership: one already holding the SSM group, else one with room. */
    private Socket socketFor(Membership membership, GroupOnInterface key) {
        Family family = membership.family();
        if (membership.source() != null) {
            for (Socket socket : sockets) {
                if (socket.family == family && socket.takesSource(key)) {
                    return socket;
                }
            }
        }
        for (Socket socket : sockets) {
            if (socket.family == family && socket.takesGroup(key)) {
                return socket;
            }
        }
        Socket opened = new Socket(family);
        sockets.add(opened);
        return opened;
    }

    private static String joinCall(Membership membership) {
        boolean v4 = membership.family() == Family.IPV4;
        if (membership.source() == null) {
            return v4 ? "IP_ADD_MEMBERSHIP" : "IPV6_ADD_MEMBERSHIP";
        }
        return v4 ? "IP_ADD_SOURCE_MEMBERSHIP" : "MCAST_JOIN_SOURCE_GROUP";
    }

    private static String leaveCall(Membership membership) {
        boolean v4 = membership.family() == Family.IPV4;
        if (membership.source() == null) {
            return v4 ? "IP_DROP_MEMBERSHIP" : "IPV6_DROP_MEMBERSHIP";
        }
        return v4 ? "IP_DROP_SOURCE_MEMBERSHIP" : "MCAST_LEAVE_SOURCE_GROUP";
    }

    private record GroupOnInterface(String interfaceName, InetAddress group) {
    }

    /**
     * One simulated socket: the groups it joined per interface, each any-source (no sources) or
     * source-specific (its sources). The kernel keeps one mode per group and socket.
     */
    private static final class Socket {
        final Family family;
        final Map<GroupOnInterface, Set<InetAddress>> groups = new LinkedHashMap<>();

        Socket(Family family) {
            this.family = family;
        }

        boolean takesGroup(GroupOnInterface key) {
            return !groups.containsKey(key) && (family != Family.IPV4 || groups.size() < IPV4_MAX_GROUPS);
        }

        boolean takesSource(GroupOnInterface key) {
            Set<InetAddress> sources = groups.get(key);
            int max = family == Family.IPV4 ? IPV4_MAX_SOURCES : IPV6_MAX_SOURCES;
            return sources != null && !sources.isEmpty() && sources.size() < max;
        }

        void add(GroupOnInterface key, InetAddress source) {
            Set<InetAddress> sources = groups.computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (source != null) {
                sources.add(source);
            }
        }

        /** Removes the membership if this socket holds it; leaving the last source leaves the group. */
        boolean remove(GroupOnInterface key, InetAddress source) {
            Set<InetAddress> sources = groups.get(key);
            if (sources == null || sources.isEmpty() != (source == null)) {
                return false;
            }
            if (source != null && !sources.remove(source)) {
                return false;
            }
            if (sources.isEmpty()) {
                groups.remove(key);
            }
            return true;
        }
    }
}
