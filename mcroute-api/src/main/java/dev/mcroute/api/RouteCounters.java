package dev.mcroute.api;

/**
 * Traffic seen by one kernel route since it was installed.
 *
 * @param packets        packets forwarded
 * @param bytes          bytes forwarded
 * @param wrongInterface packets that arrived on another VIF than the input
 */
public record RouteCounters(long packets, long bytes, long wrongInterface) {
    /** No traffic. */
    public static final RouteCounters ZERO = new RouteCounters(0, 0, 0);
}
