package dev.mcroute.engine;

import java.util.Objects;

/**
 * Settings of the interfaces a {@code phyint} line of smcroute.conf names. Interfaces that no
 * phyint names are enabled with threshold {@value dev.mcroute.api.VifSpec#DEFAULT_TTL_THRESHOLD}.
 *
 * @param iface        the interface (may be a wildcard)
 * @param enabled      whether routes may use the interface; a disabled one never gets a VIF
 * @param mrdisc       whether to send Multicast Router Discovery announcements on it (RFC 4286)
 * @param ttlThreshold packets leave through it only with a TTL above this, 1 to 255
 */
public record PhyintRule(InterfacePattern iface, boolean enabled, boolean mrdisc, int ttlThreshold) {

    /**
     * Validates the rule.
     *
     * @param iface        the interface
     * @param enabled      whether routes may use it
     * @param mrdisc       whether to announce it as a multicast router
     * @param ttlThreshold the threshold
     * @throws IllegalArgumentException for a threshold outside 1..255
     */
    public PhyintRule {
        Objects.requireNonNull(iface, "interface");
        if (ttlThreshold < 1 || ttlThreshold > 255) {
            throw new IllegalArgumentException("ttl-threshold " + ttlThreshold + " of " + iface
                    + " out of range 1-255");
        }
    }

    /** @return the rule in smcroute.conf syntax */
    @Override
    public String toString() {
        return "phyint " + iface + (enabled ? " enable" : " disable") + (mrdisc ? " mrdisc" : "")
                + " ttl-threshold " + ttlThreshold;
    }
}
