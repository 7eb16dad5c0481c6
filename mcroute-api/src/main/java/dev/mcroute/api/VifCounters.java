package dev.mcroute.api;

/**
 * Traffic through one VIF.
 *
 * @param packetsIn  packets that arrived
 * @param bytesIn    bytes that arrived
 * @param packetsOut packets forwarded out of it
 * @param bytesOut   bytes forwarded out of it
 */
public record VifCounters(long packetsIn, long bytesIn, long packetsOut, long bytesOut) {
    /** No traffic. */
    public static final VifCounters ZERO = new VifCounters(0, 0, 0, 0);
}
