package dev.mcroute.engine;

import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import java.util.List;

/**
 * A route the engine holds in the kernel.
 *
 * @param key      source and group
 * @param inbound  the interface it arrives on
 * @param outbound the interfaces it leaves on; empty for a stop filter
 * @param rule     the rule it comes from, or {@code null} for a stop filter the engine installed
 *                 because no rule matched a sender the kernel reported
 * @param dynamic  whether it was installed on a kernel upcall (and so expires when idle)
 * @param counters the kernel's counters, or {@link RouteCounters#ZERO} when not asked for
 */
public record InstalledRoute(SourceGroup key, String inbound, List<String> outbound, RouteRule rule,
                             boolean dynamic, RouteCounters counters) {

    /**
     * Copies the outbound list.
     *
     * @param key      source and group
     * @param inbound  the inbound interface
     * @param outbound the outbound interfaces
     * @param rule     the origin, or {@code null}
     * @param dynamic  whether installed on an upcall
     * @param counters its counters
     */
    public InstalledRoute {
        outbound = List.copyOf(outbound);
    }

    /** @return whether the kernel drops this traffic */
    public boolean isStopFilter() {
        return outbound.isEmpty();
    }
}
