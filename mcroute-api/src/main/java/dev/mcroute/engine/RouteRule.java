package dev.mcroute.engine;

import dev.mcroute.api.Family;
import dev.mcroute.api.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A route rule, as an {@code mroute} line of smcroute.conf: traffic to {@code group} from
 * {@code source} arriving on {@code inbound} leaves on the {@code outbound} interfaces.
 *
 * <ul>
 *   <li>Without a source it is a (*,G) template: nothing is installed until the kernel reports a
 *       sender (NOCACHE upcall); then the concrete (S,G) is.</li>
 *   <li>With a source prefix ({@code S/LEN}) or a group prefix and a source, it expands to one
 *       kernel route per address pair.</li>
 *   <li>Without outbound interfaces it is a stop filter: the kernel drops that traffic.</li>
 * </ul>
 *
 * @param inbound  the interface the traffic arrives on (may be a wildcard)
 * @param source   the sender or sender prefix, or {@code null} for any sender
 * @param group    the group or group prefix
 * @param outbound where the traffic leaves (wildcards allowed); empty for a stop filter
 */
public record RouteRule(InterfacePattern inbound, IpPrefix source, IpPrefix group, List<InterfacePattern> outbound) {

    /**
     * Validates the rule; a source of {@code 0.0.0.0} or {@code ::} means any sender.
     *
     * @param inbound  the inbound interface
     * @param source   the sender, or {@code null}
     * @param group    the group
     * @param outbound the outbound interfaces
     * @throws IllegalArgumentException for a group that is not multicast, mixed families, or an
     *                                  outbound interface listed twice
     */
    public RouteRule {
        Objects.requireNonNull(inbound, "inbound interface");
        source = RuleChecks.anySourceAsNull(source);
        RuleChecks.groupAndSource(group, source);
        outbound = List.copyOf(Objects.requireNonNull(outbound, "outbound interfaces"));
        for (int i = 1; i < outbound.size(); i++) { // a few at most: no set needed
            for (int j = 0; j < i; j++) {
                if (outbound.get(i).equals(outbound.get(j))) {
                    throw new IllegalArgumentException("outbound interface listed twice in " + outbound);
                }
            }
        }
    }

    /**
     * @param inbound  inbound interface name or wildcard
     * @param source   sender text ({@code ADDR}, {@code ADDR/LEN}), or {@code null} for any
     * @param group    group text ({@code ADDR} or {@code ADDR/LEN})
     * @param outbound outbound interface names or wildcards
     * @return the rule
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RouteRule of(String inbound, String source, String group, String... outbound) {
        return new RouteRule(InterfacePattern.of(inbound), source == null ? null : IpPrefix.parse(source),
                IpPrefix.parse(group), java.util.Arrays.stream(outbound).map(InterfacePattern::of).toList());
    }

    /** @return the address family */
    public Family family() {
        return group.family();
    }

    /** @return whether this is a (*,G) template, installed only when a sender shows up */
    public boolean isTemplate() {
        return source == null;
    }

    /** @return whether this rule drops traffic rather than forwarding it */
    public boolean isStopFilter() {
        return outbound.isEmpty();
    }

    /** @return the sender prefix, empty for any sender */
    public Optional<IpPrefix> sourcePrefix() {
        return Optional.ofNullable(source);
    }

    /**
     * What a rule selects: the traffic it applies to, whatever its outputs. Two rules with the same
     * selector are two versions of one route; a later one replaces an earlier one.
     *
     * @param inbound the inbound interface
     * @param source  the sender, or {@code null} for any
     * @param group   the group
     */
    public record Selector(InterfacePattern inbound, IpPrefix source, IpPrefix group) {
        // equals and hashCode written out: see InterfacePattern
        @Override
        public boolean equals(Object other) {
            return other instanceof Selector s && inbound.equals(s.inbound) && Objects.equals(source, s.source)
                    && group.equals(s.group);
        }

        @Override
        public int hashCode() {
            return (inbound.hashCode() * 31 + Objects.hashCode(source)) * 31 + group.hashCode();
        }
    }

    /** @return the traffic this rule selects */
    public Selector selector() {
        return new Selector(inbound, source, group);
    }

    /**
     * @param other another rule
     * @return whether both select the same traffic (inbound, source and group), whatever their outputs
     */
    public boolean sameSelector(RouteRule other) {
        return inbound.equals(other.inbound) && Objects.equals(source, other.source) && group.equals(other.group);
    }

    /** @return the rule in smcroute.conf syntax */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("mroute from ").append(inbound);
        if (source != null) {
            text.append(" source ").append(source);
        }
        text.append(" group ").append(group);
        if (!outbound.isEmpty()) {
            text.append(" to");
            outbound.forEach(o -> text.append(' ').append(o));
        }
        return text.toString();
    }
}
