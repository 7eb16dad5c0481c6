package dev.mcroute.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to open a {@link MulticastRouter}.
 *
 * @param table    the kernel multicast routing table (Linux {@code MRT_TABLE}); 0 is the default table
 * @param provider the provider to use by name, or {@code null} to pick the best one for this system
 * @param families the address families to route
 */
public record RouterOptions(int table, String provider, Set<Family> families) {

    /**
     * Validates the components.
     *
     * @param table    the kernel table, 0 or more
     * @param provider a provider name, or {@code null}
     * @param families one family or both
     * @throws IllegalArgumentException for a negative table or no family
     */
    public RouterOptions {
        if (table < 0) {
            throw new IllegalArgumentException("table " + table + " is negative");
        }
        if (provider != null && provider.isBlank()) {
            throw new IllegalArgumentException("provider name is blank");
        }
        Objects.requireNonNull(families, "families");
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no address family to route; give IPV4, IPV6 or both");
        }
        families = Set.copyOf(EnumSet.copyOf(families));
    }

    /** @return table 0, the best provider, IPv4 and IPv6 */
    public static RouterOptions defaults() {
        return new RouterOptions(0, null, EnumSet.allOf(Family.class));
    }

    /**
     * @param table a table ID
     * @return these options for that table
     */
    public RouterOptions withTable(int table) {
        return new RouterOptions(table, provider, families);
    }

    /**
     * @param provider a provider name, e.g. {@code linux} or {@code mock}
     * @return these options forcing that provider
     */
    public RouterOptions withProvider(String provider) {
        return new RouterOptions(table, provider, families);
    }

    /**
     * @param first  a family
     * @param others more families
     * @return these options for only those families
     */
    public RouterOptions withFamilies(Family first, Family... others) {
        return new RouterOptions(table, provider, EnumSet.of(first, others));
    }

    /**
     * @param family a family
     * @return whether it is to be routed
     */
    public boolean routes(Family family) {
        return families.contains(family);
    }
}
