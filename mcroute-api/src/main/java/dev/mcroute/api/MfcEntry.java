package dev.mcroute.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A multicast forwarding cache (MFC) entry: packets from {@code source} to {@code group} that
 * arrive on the input VIF leave on each output VIF whose TTL threshold their TTL exceeds. A route
 * with no outputs is a stop filter: the kernel drops the traffic instead of asking again.
 *
 * @param key      source and group
 * @param inputVif the VIF the traffic must arrive on
 * @param outputs  the outbound VIFs, sorted by index, each at most once
 */
public record MfcEntry(SourceGroup key, int inputVif, List<Output> outputs) {

    /**
     * One outbound VIF of a route.
     *
     * @param vif          the VIF index
     * @param ttlThreshold packets leave only with a TTL above this, 1 to 255
     */
    public record Output(int vif, int ttlThreshold) {

        /**
         * Validates the components.
         *
         * @param vif          the VIF index
         * @param ttlThreshold the threshold
         * @throws IllegalArgumentException for an index or threshold out of range
         */
        public Output {
            Checks.vifIndex(vif, "output VIF");
            if (ttlThreshold < 1 || ttlThreshold > 255) { // the message built only when needed: one per route
                Checks.ttlThreshold(ttlThreshold, "output VIF " + vif + ": TTL threshold");
            }
        }
    }

    /**
     * Validates the components and sorts the outputs.
     *
     * @param key      source and group
     * @param inputVif the VIF the traffic must arrive on
     * @param outputs  the outbound VIFs
     * @throws IllegalArgumentException for duplicate outputs or an output equal to the input
     */
    public MfcEntry {
        Objects.requireNonNull(key, "key");
        Checks.vifIndex(inputVif, "input VIF");
        Objects.requireNonNull(outputs, "outputs");
        for (Output out : outputs) { // before List.copyOf and sorting, which fail with no message
            Objects.requireNonNull(out, "output");
        }
        List<Output> sorted = List.copyOf(outputs); // the same list when it is immutable already
        if (!sortedByVif(sorted)) {
            List<Output> sorting = new ArrayList<>(sorted);
            sorting.sort(Comparator.comparingInt(Output::vif));
            sorted = List.copyOf(sorting);
        }
        for (int i = 0; i < sorted.size(); i++) {
            Output out = sorted.get(i);
            if (out.vif() == inputVif) {
                throw new IllegalArgumentException("route " + key + ": input VIF " + inputVif
                        + " is also an output; that would send packets back where they came from");
            }
            if (i > 0 && sorted.get(i - 1).vif() == out.vif()) {
                throw new IllegalArgumentException("route " + key + ": output VIF " + out.vif() + " is listed twice");
            }
        }
        outputs = sorted;
    }

    private static boolean sortedByVif(List<Output> outputs) {
        for (int i = 1; i < outputs.size(); i++) {
            if (outputs.get(i - 1).vif() > outputs.get(i).vif()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param source   the source
     * @param group    the group
     * @param inputVif the input VIF index
     * @param outputs  the outputs
     * @return the entry
     */
    public static MfcEntry of(InetAddress source, InetAddress group, int inputVif, List<Output> outputs) {
        return new MfcEntry(new SourceGroup(source, group), inputVif, outputs);
    }

    /**
     * @param input   the VIF the traffic arrives on
     * @param outputs the VIFs it leaves on, each with its own TTL threshold
     * @param key     source and group
     * @return the entry
     */
    public static MfcEntry between(SourceGroup key, Vif input, List<Vif> outputs) {
        List<Output> list = new ArrayList<>(outputs.size());
        for (Vif vif : outputs) {
            if (vif.family() != key.family()) {
                throw new IllegalArgumentException("route " + key + ": VIF " + vif.index() + " on "
                        + vif.interfaceName() + " is " + vif.family() + ", the route is " + key.family());
            }
            list.add(vif.asOutput());
        }
        if (input.family() != key.family()) {
            throw new IllegalArgumentException("route " + key + ": input VIF " + input.index() + " on "
                    + input.interfaceName() + " is " + input.family() + ", the route is " + key.family());
        }
        return new MfcEntry(key, input.index(), list);
    }

    /** @return the family of the route */
    public Family family() {
        return key.family();
    }

    /** @return whether this entry drops the traffic (no outputs) */
    public boolean isStopFilter() {
        return outputs.isEmpty();
    }

    /**
     * @param vif a VIF index
     * @return the TTL threshold for that output, or 0 if the route does not leave there
     */
    public int ttlThresholdOf(int vif) {
        for (Output out : outputs) {
            if (out.vif() == vif) {
                return out.ttlThreshold();
            }
        }
        return 0;
    }
}
