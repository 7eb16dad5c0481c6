package dev.mcroute.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address assigned to an interface, with the length of its subnet.
 *
 * @param address      the address
 * @param prefixLength the subnet prefix length
 */
public record InterfaceAddress(InetAddress address, int prefixLength) {

    /**
     * Validates the components.
     *
     * @param address      the address
     * @param prefixLength the subnet prefix length
     * @throws IllegalArgumentException for a prefix length out of range
     */
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int max = Family.of(address).maxPrefixLength();
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + max);
        }
    }

    /** @return the family of the address */
    public Family family() {
        return Family.of(address);
    }

    // equals and hashCode written out: the generated ones link through invokedynamic on first
    // use, milliseconds each (tens for the first in a JVM), and run slowly until compiled

    @Override
    public boolean equals(Object other) {
        return other instanceof InterfaceAddress a && prefixLength == a.prefixLength && address.equals(a.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return InetAddresses.toText(address) + "/" + prefixLength;
    }
}
