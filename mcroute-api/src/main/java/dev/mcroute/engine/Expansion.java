package dev.mcroute.engine;

import dev.mcroute.api.IpPrefix;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Turns prefixes into the addresses they hold, refusing more than a limit. */
final class Expansion {

    private Expansion() {
    }

    /** @return how many addresses the prefix holds, as a long capped at {@link Long#MAX_VALUE} */
    static long size(IpPrefix prefix) {
        int hostBits = prefix.family().maxPrefixLength() - prefix.length();
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    /**
     * @param sources sender prefix
     * @param groups  group prefix
     * @param limit   the most pairs allowed
     * @return the number of (source, group) pairs, or -1 when above the limit
     */
    static long pairs(IpPrefix sources, IpPrefix groups, int limit) {
        long s = size(sources);
        long g = size(groups);
        if (s > limit || g > limit || s * g > limit) {
            return -1;
        }
        return s * g;
    }

    /** @return every address of the prefix, lowest first; the caller checked its size */
    static List<InetAddress> addresses(IpPrefix prefix) {
        int count = (int) size(prefix);
        List<InetAddress> out = new ArrayList<>(count);
        if (count == 1) {
            out.add(prefix.address());
            return out;
        }
        BigInteger first = new BigInteger(1, prefix.address().getAddress());
        int width = prefix.family().addressBytes();
        for (int i = 0; i < count; i++) {
            out.add(toAddress(first.add(BigInteger.valueOf(i)), width));
        }
        return out;
    }

    private static InetAddress toAddress(BigInteger value, int width) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[width];
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, bytes, width - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
