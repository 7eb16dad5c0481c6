package dev.mcroute.daemon.show;

import dev.mcroute.api.IpPrefix;

import java.util.Optional;

/**
 * One line of {@code show groups}: a joined (S,G) or (*,G) on an interface.
 *
 * @param source the source for an SSM join, empty for ASM
 * @param group  the group
 * @param iif    the interface
 */
public record GroupRow(Optional<IpPrefix> source, IpPrefix group, String iif) {
}
