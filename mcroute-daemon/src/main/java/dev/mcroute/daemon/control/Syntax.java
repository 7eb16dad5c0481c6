package dev.mcroute.daemon.control;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.IpPrefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words shared by smcroute.conf and the IPC commands: interface names and wildcards,
 * sources and groups with optional prefix lengths. Each check throws a message that names the word.
 */
public final class Syntax {
    /** IFNAMSIZ less the terminating NUL. */
    public static final int MAX_IFNAME = 15;

    private Syntax() {
    }

    /**
     * Splits text into words at runs of ASCII whitespace, as {@code split("\\s+")} does for text
     * without leading whitespace, without compiling a regular expression for every line.
     *
     * @param text stripped text
     * @return its words; none for empty text
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || isSpace(text.charAt(i));
            if (space && start >= 0) {
                words.add(word(text, start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    /** The words most lines are made of: one instance each instead of one per line. */
    private static final String[] KEYWORDS = {"mroute", "from", "source", "group", "to", "mgroup", "phyint"};

    private static String word(String text, int start, int end) {
        for (String keyword : KEYWORDS) {
            if (keyword.length() == end - start && text.startsWith(keyword, start)) {
                return keyword;
            }
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /**
     * @param text      a word
     * @param maxDigits the most digits allowed
     * @return whether it is 1 to {@code maxDigits} ASCII digits
     */
    public static boolean isDigits(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @param word an interface name or a wildcard such as {@code eth+}
     * @return the word
     * @throws IllegalArgumentException if it cannot name an interface
     */
    public static String interfaceName(String word) {
        if (word.isEmpty() || word.length() > MAX_IFNAME) {
            throw new IllegalArgumentException("invalid interface name '" + printable(word) + "': 1-" + MAX_IFNAME
                    + " characters");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c == '/' || c == ':' || c >= 0x7f || (c == '+' && i != word.length() - 1)) {
                throw new IllegalArgumentException("invalid interface name '" + printable(word) + "'");
            }
        }
        return word;
    }

    /**
     * Parses {@code ADDR[/LEN]}; host bits beyond the length are cleared as the kernel would.
     *
     * @param what  "source" or "group", for the message
     * @param word  the text
     * @return the prefix
     * @throws IllegalArgumentException naming the word
     */
    public static IpPrefix prefix(String what, String word) {
        int slash = word.indexOf('/');
        String addressText = slash < 0 ? word : word.substring(0, slash);
        InetAddress address;
        try {
            address = InetAddresses.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what + " address '" + printable(word) + "'");
        }
        Family family = Family.of(address);
        int length = family.maxPrefixLength();
        if (slash >= 0) {
            String lengthText = word.substring(slash + 1);
            if (!isDigits(lengthText, 3) || Integer.parseInt(lengthText) > family.maxPrefixLength()) {
                throw new IllegalArgumentException("invalid prefix length: " + printable(lengthText) + " in "
                        + what + " " + printable(word) + " (0-" + family.maxPrefixLength() + ")");
            }
            length = Integer.parseInt(lengthText);
        }
        return IpPrefix.covering(address, length);
    }

    /**
     * @param word {@code GROUP[/LEN]}
     * @return the group prefix
     * @throws IllegalArgumentException if it is not a multicast address or prefix
     */
    public static IpPrefix group(String word) {
        IpPrefix group = prefix("group", word);
        if (!group.address().isMulticastAddress() || group.length() < (group.family() == Family.IPV4 ? 4 : 8)) {
            throw new IllegalArgumentException("Invalid multicast group: " + printable(word));
        }
        return group;
    }

    /**
     * @param word  {@code SOURCE[/LEN]}; the any address means no source
     * @param group the group it goes with, for the family check
     * @return the source, or empty for a (*,G) rule
     * @throws IllegalArgumentException if it is multicast or of the other family
     */
    public static Optional<IpPrefix> source(String word, IpPrefix group) {
        IpPrefix source = prefix("source", word);
        if (source.family() != group.family()) {
            throw new IllegalArgumentException("source " + printable(word) + " and group " + group
                    + " are of different address families");
        }
        if (source.address().isMulticastAddress()) {
            throw new IllegalArgumentException("Invalid source address: " + printable(word) + " is multicast");
        }
        return source.address().isAnyLocalAddress() ? Optional.empty() : Optional.of(source);
    }

    /**
     * @param word a word from a client or a file
     * @return the word with control and non-ASCII characters escaped, safe to log and send back
     */
    public static String printable(String word) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(word.length(), 64);
        for (int i = 0; i < shown; i++) {
            char c = word.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        return shown < word.length() ? out.append("...").toString() : out.toString();
    }
}
