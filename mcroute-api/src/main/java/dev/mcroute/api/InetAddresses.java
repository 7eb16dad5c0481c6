package dev.mcroute.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parsing and printing of IP address literals, never touching DNS.
 *
 * <p>{@link InetAddress#getByName(String)} resolves names and accepts odd IPv4 forms such as
 * {@code 10.1}; routing configuration wants exactly dotted quads and IPv6 literals, and output
 * in the compressed form of RFC 5952 ({@code ff05::1}), the way {@code inet_ntop(3)} prints it.
 */
public final class InetAddresses {
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

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
        boolean literal = text.indexOf(':') >= 0
                ? IPV6_CHARS.matcher(text).matches()
                : DOTTED_QUAD.matcher(text).matches();
        if (literal) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("not an IP address: '" + text + "'");
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
