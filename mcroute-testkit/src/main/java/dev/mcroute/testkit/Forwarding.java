package dev.mcroute.testkit;

import dev.mcroute.api.Upcall;
import java.util.List;
import java.util.Objects;

/**
 * What the mock kernel did with one simulated packet.
 *
 * @param fate    how the packet was handled
 * @param outputs the interfaces it left on, in VIF index order; empty unless {@link Fate#ROUTED}
 * @param upcalls the upcalls it raised to the router owning the table (NOCACHE, WRONGVIF, WHOLEPKT)
 */
public record Forwarding(Fate fate, List<String> outputs, List<Upcall> upcalls) {

    /** How the kernel handled a packet. */
    public enum Fate {
        /**
         * A route matched and the packet arrived on its input VIF; it left on every output whose
         * TTL threshold its TTL exceeds (none for a stop filter or a too small TTL).
         */
        ROUTED,
        /** No route matched: the kernel raised NOCACHE and would hold the packet for a while. */
        NO_ROUTE,
        /** A route matched but the packet arrived on another interface than its input VIF's. */
        WRONG_INTERFACE,
        /**
         * Multicast routing did not look at the packet: its interface is down or has no VIF, no
         * router owns the table, or the group is link-local (224.0.0.0/24, ff01::/16, ff02::/16).
         */
        NOT_ROUTED
    }

    /**
     * Validates and copies the components.
     *
     * @param fate    how the packet was handled
     * @param outputs the interfaces it left on
     * @param upcalls the upcalls it raised
     */
    public Forwarding {
        Objects.requireNonNull(fate, "fate");
        outputs = List.copyOf(outputs);
        upcalls = List.copyOf(upcalls);
    }

    static Forwarding notRouted() {
        return new Forwarding(Fate.NOT_ROUTED, List.of(), List.of());
    }

    /**
     * @param interfaceName an interface
     * @return whether the packet left on it
     */
    public boolean leftOn(String interfaceName) {
        return outputs.contains(interfaceName);
    }
}
