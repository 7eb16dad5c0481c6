package dev.mcroute.api;

import java.util.List;

/**
 * Joins and leaves of multicast groups on interfaces, so that switches with IGMP/MLD snooping and
 * upstream routers send the traffic here. Memberships last until left or until the owning
 * {@link MulticastRouter} is closed. Thread-safe.
 */
public interface GroupMembership {

    /**
     * Joins a group (ASM) or a (source, group) channel (SSM).
     *
     * @param membership what to join
     * @throws MulticastRouterException if the kernel refuses (unknown interface, already joined, ...)
     */
    void join(Membership membership);

    /**
     * Leaves what {@link #join(Membership)} joined.
     *
     * @param membership what to leave
     * @throws MulticastRouterException if it was not joined
     */
    void leave(Membership membership);

    /** @return the current memberships, in the order they were joined */
    List<Membership> memberships();
}
