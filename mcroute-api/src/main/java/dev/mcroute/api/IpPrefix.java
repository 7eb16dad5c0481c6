package dev.mcroute.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address prefix such as {@code 225.1.2.0/24} or {@code ff05::/16}; a host address has the
 * family's full length. The address has no bits set beyond the prefix length.
 *
 * @param address the first address of the prefix
 * @param length  the prefix length, 0 to 32 (IPv4) or 128 (IPv6)
 */
public record IpPrefix(InetAddress address, int length) {

    /**
     * Validates the components.
     *
     * @param address the first address of the prefix
     * @param length  the prefix length
     * @throws IllegalArgumentException if the length is out of range or host bits are set
     */
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        Family family = Family.of(address);
        if (length < 0 || length > family.maxPrefixLength()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0-"
                    + family.maxPrefixLength() + " for " + InetAddresses.toText(address));
        }
        if (!masked(address, length).equals(address)) {
            throw new IllegalArgumentException(InetAddresses.toText(address) + "/" + length
                    + " has bits set beyond the prefix length; did you mean "
                    + InetAddresses.toText(masked(address, length)) + "/" + length + "?");
        }
    }

    /**
     * @param address an address
     * @return the prefix holding only that address
     */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, Family.of(address).maxPrefixLength());
    }

    /**
     * The prefix of a length that holds an address, its host bits cleared, as smcroute.conf
     * reads {@code 225.1.2.3/24} ({@code 225.1.2.0/24}).
     *
     * @param address any address in the prefix
     * @param length  the prefix length, 0 to the family's maximum
     * @return the prefix
     * @throws IllegalArgumentException if the length does not fit the family
     */
    public static IpPrefix covering(InetAddress address, int length) {
        Objects.requireNonNull(address, "address");
        int max = Family.of(address).maxPrefixLength();
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0-" + max);
        }
        return new IpPrefix(masked(address, length), length);
    }

    /**
     * Parses {@code ADDR} or {@code ADDR/LEN}.
     *
     * @param text the prefix text
     * @return the prefix
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static IpPrefix parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0) {
            return host(InetAddresses.parse(text));
        }
        InetAddress address = InetAddresses.parse(text.substring(0, slash));
        String lengthText = text.substring(slash + 1);
        if (!lengthText.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("bad prefix length '" + lengthText + "' in " + text);
        }
        return new IpPrefix(address, Integer.parseInt(lengthText));
    }

    /** @return the family of the prefix */
    public Family family() {
        return Family.of(address);
    }

    /** @return whether the prefix is a single address */
    public boolean isHost() {
        return length == family().maxPrefixLength();
    }

    /**
     * @param candidate an address
     * @return whether the address lies in this prefix (always false for another family)
     */
    public boolean contains(InetAddress candidate) {
        return Family.of(candidate) == family() && masked(candidate, length).equals(address);
    }

    /**
     * @param other a prefix
     * @return whether every address of {@code other} lies in this prefix
     */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.address);
    }

    // equals and hashCode written out: the generated ones link through invokedynamic on first
    // use, milliseconds each (tens for the first in a JVM), and run slowly until compiled

    @Override
    public boolean equals(Object other) {
        return other instanceof IpPrefix p && length == p.length && address.equals(p.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + length;
    }

    /** @return {@code ADDR/LEN}, or {@code ADDR} for a host */
    @Override
    public String toString() {
        return isHost() ? InetAddresses.toText(address) : InetAddresses.toText(address) + "/" + length;
    }

    private static InetAddress masked(InetAddress address, int length) {
        if (length == Family.of(address).maxPrefixLength()) { // a host: nothing to clear, nothing to copy
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            bytes[i] &= (byte) (0xff00 >> keep);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
