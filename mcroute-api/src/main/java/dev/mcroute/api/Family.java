package dev.mcroute.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IP address family. IPv4 multicast routing uses VIFs, IPv6 uses MIFs; the API calls both VIFs.
 */
public enum Family {
    /** IPv4: 4-byte addresses, multicast in 224.0.0.0/4. */
    IPV4(4),
    /** IPv6: 16-byte addresses, multicast in ff00::/8. */
    IPV6(16);

    private final int addressBytes;

    Family(int addressBytes) {
        this.addressBytes = addressBytes;
    }

    /** @return the length of an address of this family in bytes */
    public int addressBytes() {
        return addressBytes;
    }

    /** @return the longest prefix length of this family: 32 or 128 */
    public int maxPrefixLength() {
        return addressBytes * 8;
    }

    /** @return the unspecified address of this family: {@code 0.0.0.0} or {@code ::} */
    public InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[addressBytes]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param address an address
     * @return the family of that address
     */
    public static Family of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof Inet4Address) {
            return IPV4;
        }
        if (address instanceof Inet6Address) {
            return IPV6;
        }
        throw new IllegalArgumentException("unknown address family: " + address);
    }
}
