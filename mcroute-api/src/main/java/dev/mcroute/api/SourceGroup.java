package dev.mcroute.api;

import java.net.InetAddress;

/**
 * The key of a kernel multicast route: one source and one group of the same family.
 *
 * @param source the unicast sender
 * @param group  the multicast group
 */
public record SourceGroup(InetAddress source, InetAddress group) {

    /**
     * Validates the components.
     *
     * @param source the unicast sender
     * @param group  the multicast group
     * @throws IllegalArgumentException unless the group is multicast and the source unicast, of one family
     */
    public SourceGroup {
        Checks.group(group);
        Checks.source(source, group);
    }

    /**
     * @param source a source literal, e.g. {@code 10.0.0.1}
     * @param group  a group literal, e.g. {@code 225.1.2.3}
     * @return the parsed key
     */
    public static SourceGroup parse(String source, String group) {
        return new SourceGroup(InetAddresses.parse(source), InetAddresses.parse(group));
    }

    /** @return the family of source and group */
    public Family family() {
        return Family.of(group);
    }

    /**
     * Mixes both addresses: the record's default ({@code 31 * source + group}) collides for the
     * regular numbering of sources and groups that ranges and generated configs produce.
     */
    @Override
    public boolean equals(Object other) { // written out, as the generated one links on first use
        return other instanceof SourceGroup k && group.equals(k.group) && source.equals(k.source);
    }

    @Override
    public int hashCode() {
        int h = source.hashCode() * 0x9E3779B9 + group.hashCode();
        return h ^ (h >>> 16);
    }

    /** @return {@code (SOURCE, GROUP)}, as smcroutectl prints routes */
    @Override
    public String toString() {
        return "(" + InetAddresses.toText(source) + ", " + InetAddresses.toText(group) + ")";
    }
}
