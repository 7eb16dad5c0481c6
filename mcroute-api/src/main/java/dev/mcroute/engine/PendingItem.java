package dev.mcroute.engine;

/**
 * A rule waiting for an interface: it becomes active (fully, for routes with a missing outbound
 * interface) as soon as the interface appears.
 *
 * @param route  the waiting route rule, or {@code null} for a join rule
 * @param join   the waiting join rule, or {@code null} for a route rule
 * @param reason what it waits for, e.g. {@code interface eth5 does not exist}
 */
public record PendingItem(RouteRule route, JoinRule join, String reason) {

    /**
     * Checks that exactly one rule is given.
     *
     * @param route  a route rule, or {@code null}
     * @param join   a join rule, or {@code null}
     * @param reason what it waits for
     * @throws IllegalArgumentException unless exactly one rule is given
     */
    public PendingItem {
        if ((route == null) == (join == null)) {
            throw new IllegalArgumentException("a pending item holds exactly one route or join rule");
        }
    }

    /** @return whether this is a route rule ({@code mroute}) rather than a join ({@code mgroup}) */
    public boolean isRoute() {
        return route != null;
    }

    @Override
    public String toString() {
        return (isRoute() ? route.toString() : join.toString()) + " (" + reason + ")";
    }
}
