package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET6;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN6_ADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN6_FAMILY;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN6_LEN;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN_ADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN_FAMILY;
import static dev.mcroute.freebsd.FreeBsdAbi.SIN_LEN;
import static dev.mcroute.freebsd.FreeBsdAbi.SOCKADDR_IN6_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.SOCKADDR_IN_SIZE;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * BSD socket addresses: {@code sockaddr_in} and {@code sockaddr_in6} begin with their own length
 * ({@code sin_len}, {@code sin6_len}) before the family, unlike Linux.
 */
final class Sockaddrs {
    private Sockaddrs() {
    }

    /**
     * Writes a {@code sockaddr_in} or {@code sockaddr_in6} (port, flow info and scope 0).
     *
     * @param buffer  the struct being encoded
     * @param offset  where the sockaddr starts
     * @param address the address
     */
    static void put(ByteBuffer buffer, int offset, InetAddress address) {
        if (address instanceof Inet4Address) {
            buffer.put(offset + SIN_LEN, (byte) SOCKADDR_IN_SIZE);
            buffer.put(offset + SIN_FAMILY, (byte) AF_INET);
            buffer.put(offset + SIN_ADDR, address.getAddress());
        } else {
            buffer.put(offset + SIN6_LEN, (byte) SOCKADDR_IN6_SIZE);
            buffer.put(offset + SIN6_FAMILY, (byte) AF_INET6);
            buffer.put(offset + SIN6_ADDR, address.getAddress());
        }
    }

    /**
     * @param address an address
     * @return its {@code sockaddr_in} or {@code sockaddr_in6}
     */
    static byte[] of(InetAddress address) {
        byte[] bytes = new byte[address instanceof Inet4Address ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE];
        put(ByteBuffer.wrap(bytes), 0, address);
        return bytes;
    }

    /**
     * Reads the address of an AF_INET or AF_INET6 sockaddr.
     *
     * @param bytes  the message
     * @param offset where the sockaddr starts
     * @param length its sa_len
     * @return the address, or empty for another family or a short sockaddr
     */
    static Optional<InetAddress> read(byte[] bytes, int offset, int length) {
        int family = bytes[offset + 1] & 0xff;
        if (family == AF_INET && length >= SIN_ADDR + 4) {
            return Optional.of(address(bytes, offset + SIN_ADDR, 4));
        }
        if (family == AF_INET6 && length >= SIN6_ADDR + 16) {
            byte[] raw = new byte[16];
            System.arraycopy(bytes, offset + SIN6_ADDR, raw, 0, 16);
            if (embedsScope(raw)) {
                // the kernel's KAME scope: the interface index in bytes 2-3 of link-local addresses
                raw[2] = 0;
                raw[3] = 0;
            }
            return Optional.of(address(raw, 0, 16));
        }
        return Optional.empty();
    }

    /** Link-local unicast (fe80::/10) and interface- or link-local multicast (ff01::/16, ff02::/16). */
    private static boolean embedsScope(byte[] raw) {
        boolean linkLocal = (raw[0] & 0xff) == 0xfe && (raw[1] & 0xc0) == 0x80;
        boolean localMulticast = (raw[0] & 0xff) == 0xff && ((raw[1] & 0x0f) == 1 || (raw[1] & 0x0f) == 2);
        return linkLocal || localMulticast;
    }

    /**
     * Counts the prefix length of a netmask sockaddr. The kernel shortens netmasks in routing
     * messages: sa_len covers only the bytes up to the last non-zero one, and the family may be 0.
     *
     * @param bytes     the message
     * @param offset    where the sockaddr starts
     * @param length    its sa_len
     * @param ipv6      whether the address it belongs to is IPv6
     * @return the number of leading one bits
     */
    static int prefixLength(byte[] bytes, int offset, int length, boolean ipv6) {
        int start = ipv6 ? SIN6_ADDR : SIN_ADDR;
        int size = ipv6 ? 16 : 4;
        int bits = 0;
        for (int i = 0; i < size && start + i < length; i++) {
            int b = bytes[offset + start + i] & 0xff;
            bits += Integer.bitCount(b);
            if (b != 0xff) {
                break;
            }
        }
        return bits;
    }

    /**
     * @param bytes  a buffer
     * @param offset where the address starts, in network byte order
     * @param size   4 or 16
     * @return the address
     */
    static InetAddress address(byte[] bytes, int offset, int size) {
        byte[] raw = new byte[size];
        System.arraycopy(bytes, offset, raw, 0, size);
        try {
            // Inet6Address.getByAddress keeps IPv4-mapped addresses IPv6, as the kernel means them
            return size == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
