package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_IP;
import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_IPV6;
import static dev.mcroute.freebsd.FreeBsdAbi.MCAST_JOIN_GROUP;
import static dev.mcroute.freebsd.FreeBsdAbi.MCAST_JOIN_SOURCE_GROUP;
import static dev.mcroute.freebsd.FreeBsdAbi.MCAST_LEAVE_GROUP;
import static dev.mcroute.freebsd.FreeBsdAbi.MCAST_LEAVE_SOURCE_GROUP;

import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group memberships on the router's own multicast routing sockets, with the protocol-independent
 * MCAST_JOIN_GROUP / MCAST_JOIN_SOURCE_GROUP options; closing the sockets ends them.
 */
final class FreeBsdGroups implements GroupMembership {
    private final KernelCalls kernel;
    private final ToIntFunction<Family> socketOf;
    private final Function<String, Optional<NetInterface>> interfaces;
    /** In joining order; a set, as every join and leave looks a membership up. */
    private final Set<Membership> joined = new LinkedHashSet<>();

    /**
     * @param kernel     the system calls
     * @param socketOf   the routing socket of a family, or -1 when the router does not route it
     * @param interfaces finds an interface by name
     */
    FreeBsdGroups(KernelCalls kernel, ToIntFunction<Family> socketOf, Function<String, Optional<NetInterface>> interfaces) {
        this.kernel = kernel;
        this.socketOf = socketOf;
        this.interfaces = interfaces;
    }

    @Override
    public synchronized void join(Membership membership) {
        boolean ssm = membership.source() != null;
        String option = ssm ? "MCAST_JOIN_SOURCE_GROUP" : "MCAST_JOIN_GROUP";
        if (joined.contains(membership)) {
            throw new MulticastRouterException(option, membership.toString(), "already joined");
        }
        call(membership, option, ssm ? MCAST_JOIN_SOURCE_GROUP : MCAST_JOIN_GROUP);
        joined.add(membership);
    }

    @Override
    public synchronized void leave(Membership membership) {
        boolean ssm = membership.source() != null;
        String option = ssm ? "MCAST_LEAVE_SOURCE_GROUP" : "MCAST_LEAVE_GROUP";
        if (!joined.contains(membership)) {
            throw new MulticastRouterException(option, membership.toString(), "not joined");
        }
        call(membership, option, ssm ? MCAST_LEAVE_SOURCE_GROUP : MCAST_LEAVE_GROUP);
        joined.remove(membership);
    }

    @Override
    public synchronized List<Membership> memberships() {
        return List.copyOf(joined);
    }

    private void call(Membership membership, String optionName, int option) {
        int fd = socketOf.applyAsInt(membership.family());
        if (fd < 0) {
            throw new MulticastRouterException(optionName, membership.toString(),
                    "the router was not opened for " + membership.family());
        }
        NetInterface iface = interfaces.apply(membership.interfaceName()).orElseThrow(() ->
                new MulticastRouterException(optionName, membership.toString(), "no such interface"));
        byte[] request = membership.source() == null
                ? GroupRequests.groupReq(iface.index(), membership.group())
                : GroupRequests.groupSourceReq(iface.index(), membership.source(), membership.group());
        int level = membership.family() == Family.IPV4 ? IPPROTO_IP : IPPROTO_IPV6;
        kernel.setsockopt(fd, level, option, optionName, membership.toString(), request);
    }
}
