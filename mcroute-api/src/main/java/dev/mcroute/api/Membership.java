package dev.mcroute.api;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A group membership on one interface: any-source (ASM, source {@code null}) or source-specific
 * (SSM).
 *
 * @param interfaceName where to join
 * @param source        the only sender wanted, or {@code null} for any sender
 * @param group         the multicast group
 */
public record Membership(String interfaceName, InetAddress source, InetAddress group) {

    /**
     * Validates the components.
     *
     * @param interfaceName where to join
     * @param source        the only sender wanted, or {@code null}
     * @param group         the multicast group
     * @throws IllegalArgumentException for a non-multicast group or a bad source
     */
    public Membership {
        Checks.interfaceName(interfaceName);
        Checks.group(group);
        if (source != null) {
            Checks.source(source, group);
        }
    }

    /**
     * @param interfaceName where
     * @param group         the group
     * @return an any-source membership
     */
    public static Membership anySource(String interfaceName, InetAddress group) {
        return new Membership(interfaceName, null, group);
    }

    /**
     * @param interfaceName where
     * @param source        the sender
     * @param group         the group
     * @return a source-specific membership
     */
    public static Membership sourceSpecific(String interfaceName, InetAddress source, InetAddress group) {
        return new Membership(interfaceName, Objects.requireNonNull(source, "source"), group);
    }

    /** @return the source of an SSM membership */
    public Optional<InetAddress> sourceIfSpecific() {
        return Optional.ofNullable(source);
    }

    /** @return the family of the group */
    public Family family() {
        return Family.of(group);
    }

    /** @return {@code (SOURCE, GROUP) on IFNAME} or {@code (*, GROUP) on IFNAME} */
    @Override
    public String toString() {
        return "(" + (source == null ? "*" : InetAddresses.toText(source)) + ", " + InetAddresses.toText(group)
                + ") on " + interfaceName;
    }
}
