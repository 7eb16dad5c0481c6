package dev.mcroute.daemon.show;

import dev.mcroute.api.IpPrefix;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code show routes}.
 *
 * @param source  the source (prefix), empty for (*,G)
 * @param group   the group (prefix)
 * @param iif     inbound interface
 * @param oifs    outbound interfaces, in the order shown
 * @param packets forwarded packets (kernel counter, 0 for rules)
 * @param bytes   forwarded bytes (kernel counter, 0 for rules)
 */
public record RouteRow(Optional<IpPrefix> source, IpPrefix group, String iif, List<String> oifs, long packets,
        long bytes) {
    /** Makes the list immutable. */
    public RouteRow {
        oifs = List.copyOf(oifs);
    }

    /** @return {@code (S, G)} or {@code (*, G)} as the C daemon prints it */
    public String sourceGroup() {
        return ShowText.sourceGroup(source, group);
    }
}
