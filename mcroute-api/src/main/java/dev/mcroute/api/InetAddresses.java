package dev.mcroute.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parsing and printing of IP address literals, never touching DNS.
 *
 * <p>{@link InetAddress#getByName(String)} resolves names and accepts odd IPv4 forms such as
 * {@code 10.1}; routing configuration wants exactly dotted quads and IPv6 literals, and output
 * in the compressed form of RFC 5952 ({@code ff05::1}), the way {@code inet_ntop(3)} prints it.
 */
public final class InetAddresses {
    private InetAddresses() {
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal.
     *
     * @param text the literal, e.g. {@code 225.1.2.3} or {@code ff05::1}
     * @return the address
     * @throws IllegalArgumentException if the text is not an address literal
     */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("missing IP address");
        }
        InetAddress address = null;
        if (text.indexOf(':') < 0) {
            address = dottedQuad(text);
        } else if (onlyIpv6Characters(text)) {
            try {
                address = InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // the common message below
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        return address;
    }

    /**
     * Hex digits, colons and dots only, so that {@link InetAddress#getByName} sees no host name (it
     * would ask DNS) and no scope. A loop, not a regular expression: the first address parsed
     * would otherwise set up the regex engine (~3 ms of a start, or of the first IPC command).
     */
    private static boolean onlyIpv6Characters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Four decimal numbers 0-255 without leading zeros, dot-separated; parsed by hand because a
     * config of 100 000 routes parses 200 000 addresses.
     *
     * @return the address, or null if the text is not exactly that
     */
    private static InetAddress dottedQuad(String text) {
        byte[] bytes = new byte[4];
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || parts == 4) {
                    return null;
                }
                bytes[parts++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && !(digits == 1 && value == 0) && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        if (parts != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    /**
     * Prints an address as {@code inet_ntop(3)} does: dotted quad, or RFC 5952 compressed IPv6.
     *
     * @param address the address
     * @return its text
     */
    public static String toText(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero words is written "::" (the first one on a tie)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }
}
