package dev.mcroute.engine;

import dev.mcroute.api.Family;
import dev.mcroute.api.IpPrefix;
import java.util.Objects;

/**
 * A group membership rule, as an {@code mgroup} line of smcroute.conf: join {@code group} (from
 * {@code source} only, if given) on {@code iface}. Prefixes expand to one membership per address.
 *
 * @param iface  the interface to join on (may be a wildcard)
 * @param source the only sender wanted (SSM), or {@code null} for any sender (ASM)
 * @param group  the group or group prefix
 */
public record JoinRule(InterfacePattern iface, IpPrefix source, IpPrefix group) {

    /**
     * Validates the rule; a source of {@code 0.0.0.0} or {@code ::} means any sender.
     *
     * @param iface  the interface
     * @param source the sender, or {@code null}
     * @param group  the group
     * @throws IllegalArgumentException for a group that is not multicast or mixed families
     */
    public JoinRule {
        Objects.requireNonNull(iface, "interface");
        source = RuleChecks.anySourceAsNull(source);
        RuleChecks.groupAndSource(group, source);
    }

    /**
     * @param iface  interface name or wildcard
     * @param source sender text, or {@code null} for any
     * @param group  group text
     * @return the rule
     * @throws IllegalArgumentException naming what is wrong
     */
    public static JoinRule of(String iface, String source, String group) {
        return new JoinRule(InterfacePattern.of(iface), source == null ? null : IpPrefix.parse(source),
                IpPrefix.parse(group));
    }

    /** @return the address family */
    public Family family() {
        return group.family();
    }

    /** @return the rule in smcroute.conf syntax */
    @Override
    public String toString() {
        return "mgroup from " + iface + (source == null ? "" : " source " + source) + " group " + group;
    }
}
