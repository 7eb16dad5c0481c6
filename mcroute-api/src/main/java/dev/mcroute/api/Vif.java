package dev.mcroute.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual interface installed in the kernel's multicast routing table: the slot that routes
 * refer to by {@link #index()}.
 *
 * @param family         IPv4 (VIF) or IPv6 (MIF)
 * @param index          the slot, 0 to {@value #MAX_VIFS} - 1, unique per family and table
 * @param interfaceName  the network interface it is bound to
 * @param interfaceIndex the kernel's index of that interface (0 for a register VIF)
 * @param ttlThreshold   packets leave through it only with a TTL above this, 1 to 255
 * @param flags          special kinds of VIF
 */
public record Vif(Family family, int index, String interfaceName, int interfaceIndex, int ttlThreshold, Set<VifFlag> flags) {

    /** Slots per family and table: Linux MAXVIFS and MAXMIFS, FreeBSD MAXVIFS. */
    public static final int MAX_VIFS = 32;

    /**
     * Validates the components.
     *
     * @param family         IPv4 or IPv6
     * @param index          the slot
     * @param interfaceName  the network interface
     * @param interfaceIndex its kernel index
     * @param ttlThreshold   the threshold
     * @param flags          special kinds
     * @throws IllegalArgumentException for values the kernel cannot hold
     */
    public Vif {
        Objects.requireNonNull(family, "family");
        Checks.vifIndex(index, "VIF index");
        Checks.interfaceName(interfaceName);
        if (interfaceIndex < 0) {
            throw new IllegalArgumentException("interface index " + interfaceIndex + " is negative");
        }
        Checks.ttlThreshold(ttlThreshold, "TTL threshold");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /**
     * @param spec           what was asked for
     * @param index          the slot the provider chose
     * @param interfaceIndex the kernel's interface index
     * @return the VIF described by the spec in that slot
     */
    public static Vif of(VifSpec spec, int index, int interfaceIndex) {
        return new Vif(spec.family(), index, spec.interfaceName(), interfaceIndex, spec.ttlThreshold(), spec.flags());
    }

    /** @return an output of a route through this VIF, using its TTL threshold */
    public MfcEntry.Output asOutput() {
        return new MfcEntry.Output(index, ttlThreshold);
    }
}
