package dev.mcroute.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to ask of {@link MulticastRouter#addVif(VifSpec)}: a virtual interface (VIF, or MIF for
 * IPv6) of one family on one network interface.
 *
 * @param family        IPv4 (VIF) or IPv6 (MIF)
 * @param interfaceName the network interface, e.g. {@code eth0}
 * @param ttlThreshold  packets leave through this VIF only when their TTL is above this value,
 *                      1 to 255; 1 lets every routable packet (TTL 2 or more) through
 * @param flags         special kinds of VIF
 */
public record VifSpec(Family family, String interfaceName, int ttlThreshold, Set<VifFlag> flags) {

    /** The threshold the kernel and smcrouted use when none is configured. */
    public static final int DEFAULT_TTL_THRESHOLD = 1;

    /**
     * Validates the components.
     *
     * @param family        IPv4 or IPv6
     * @param interfaceName the network interface
     * @param ttlThreshold  the threshold
     * @param flags         special kinds
     * @throws IllegalArgumentException for a bad interface name or threshold
     */
    public VifSpec {
        Objects.requireNonNull(family, "family");
        Checks.interfaceName(interfaceName);
        Checks.ttlThreshold(ttlThreshold, "TTL threshold");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /**
     * @param family        the family
     * @param interfaceName the interface
     * @return a VIF with the default threshold and no flags
     */
    public static VifSpec of(Family family, String interfaceName) {
        return new VifSpec(family, interfaceName, DEFAULT_TTL_THRESHOLD, Set.of());
    }

    /**
     * @param ttl a threshold, 1 to 255
     * @return this spec with that threshold
     */
    public VifSpec withTtlThreshold(int ttl) {
        return new VifSpec(family, interfaceName, ttl, flags);
    }
}
