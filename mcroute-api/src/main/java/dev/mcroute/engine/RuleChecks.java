package dev.mcroute.engine;

import dev.mcroute.api.IpPrefix;
import java.util.Objects;

/** Validation shared by the rule types. */
final class RuleChecks {

    private RuleChecks() {
    }

    static IpPrefix anySourceAsNull(IpPrefix source) {
        return source != null && source.address().isAnyLocalAddress() ? null : source;
    }

    static void groupAndSource(IpPrefix group, IpPrefix source) {
        Objects.requireNonNull(group, "group");
        if (!group.address().isMulticastAddress()) {
            throw new IllegalArgumentException("group " + group + " is not a multicast address");
        }
        if (source != null) {
            if (source.family() != group.family()) {
                throw new IllegalArgumentException("source " + source + " and group " + group
                        + " are of different address families");
            }
            if (source.address().isMulticastAddress()) {
                throw new IllegalArgumentException("source " + source + " is a multicast address; a sender is unicast");
            }
        }
    }
}
