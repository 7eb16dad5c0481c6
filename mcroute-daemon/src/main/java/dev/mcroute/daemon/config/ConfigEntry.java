package dev.mcroute.daemon.config;

import dev.mcroute.daemon.control.RouteSpec;

/** One good directive of smcroute.conf, with where it was written. */
public sealed interface ConfigEntry {

    /** @return the file and line of the directive */
    Origin origin();

    /**
     * {@code phyint IFNAME [enable|disable] [mrdisc] [ttl-threshold N]}.
     *
     * @param origin       where it was written
     * @param iface        interface name or wildcard
     * @param enable       false for {@code disable}
     * @param mrdisc       send multicast router advertisements on it
     * @param ttlThreshold the VIF's TTL threshold, 1-255
     */
    record Phyint(Origin origin, String iface, boolean enable, boolean mrdisc, int ttlThreshold)
            implements ConfigEntry {
    }

    /**
     * {@code mgroup from IIF [source S[/LEN]] group G[/LEN]}.
     *
     * @param origin     where it was written
     * @param membership the interface, source and group (no outbound interfaces)
     */
    record Mgroup(Origin origin, RouteSpec membership) implements ConfigEntry {
    }

    /**
     * {@code mroute from IIF [source S[/LEN]] group G[/LEN] [to OIF ...]}; no OIFs is a stop filter.
     *
     * @param origin where it was written
     * @param route  the route
     */
    record Mroute(Origin origin, RouteSpec route) implements ConfigEntry {
    }
}
