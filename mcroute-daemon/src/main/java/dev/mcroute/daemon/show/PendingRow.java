package dev.mcroute.daemon.show;

import dev.mcroute.api.IpPrefix;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code show pending}: a rule waiting for its interface to appear.
 *
 * @param kind   {@code mroute} or {@code mgroup}
 * @param iif    inbound interface (or wildcard)
 * @param source the source, empty for (*,G)
 * @param group  the group
 * @param oifs   outbound interfaces (mroute only)
 */
public record PendingRow(String kind, String iif, Optional<IpPrefix> source, IpPrefix group, List<String> oifs) {
    /** Makes the list immutable and checks the kind. */
    public PendingRow {
        if (!kind.equals("mroute") && !kind.equals("mgroup")) {
            throw new IllegalArgumentException("kind must be mroute or mgroup: " + kind);
        }
        oifs = List.copyOf(oifs);
    }
}
