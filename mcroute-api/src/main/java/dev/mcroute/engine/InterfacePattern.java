package dev.mcroute.engine;

import java.util.Objects;

/**
 * An interface name in a rule: either exact ({@code eth0}) or a prefix wildcard ending in
 * {@code +} ({@code eth+} matches {@code eth0} and {@code eth15}), as in smcroute.conf.
 *
 * @param text the name or wildcard as written
 */
public record InterfacePattern(String text) {

    /** Longest interface name the kernel accepts (IFNAMSIZ - 1). */
    public static final int MAX_NAME_LENGTH = 15;

    /**
     * Validates the pattern.
     *
     * @param text the name or wildcard
     * @throws IllegalArgumentException for an empty, too long or malformed name
     */
    public InterfacePattern {
        Objects.requireNonNull(text, "interface");
        if (text.isEmpty() || text.equals("+")) {
            throw new IllegalArgumentException("empty interface name");
        }
        if (text.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("interface name '" + text + "' is longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean trailingPlus = c == '+' && i == text.length() - 1;
            if (!trailingPlus && (c <= ' ' || c == '/' || c == ':' || c == '+' || c >= 0x7f)) {
                throw new IllegalArgumentException("interface name '" + text + "' contains '" + c
                        + "'; names are printable ASCII without space, '/' or ':', and '+' only at the end");
            }
        }
    }

    /**
     * @param text a name or wildcard
     * @return the pattern
     */
    public static InterfacePattern of(String text) {
        return new InterfacePattern(text);
    }

    /** @return whether this is a {@code PREFIX+} wildcard */
    public boolean isWildcard() {
        return text.endsWith("+");
    }

    /**
     * @param interfaceName a concrete interface name
     * @return whether this pattern names it
     */
    public boolean matches(String interfaceName) {
        return isWildcard()
                ? interfaceName.startsWith(text.substring(0, text.length() - 1))
                : interfaceName.equals(text);
    }

    // equals and hashCode written out: the generated ones link through invokedynamic on first
    // use, milliseconds each (tens for the first in a JVM), and run slowly until compiled

    @Override
    public boolean equals(Object other) {
        return other instanceof InterfacePattern p && text.equals(p.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
