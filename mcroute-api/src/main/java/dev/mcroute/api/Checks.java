package dev.mcroute.api;

import java.net.InetAddress;
import java.util.Objects;

/** Validation shared by the value types, with messages that say what to change. */
final class Checks {
    /** Linux IFNAMSIZ is 16 bytes including the terminating NUL; FreeBSD's is the same. */
    static final int MAX_INTERFACE_NAME = 15;

    private Checks() {
    }

    static String interfaceName(String name) {
        Objects.requireNonNull(name, "interface name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            // the kernel refuses these (dev_valid_name): they would clash with /sys/class/net paths
            throw new IllegalArgumentException("interface name '" + name + "' is not allowed");
        }
        if (name.length() > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than "
                    + MAX_INTERFACE_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '/' || c == ':' || c >= 0x7f) {
                throw new IllegalArgumentException("interface name '" + name
                        + "' contains a character not allowed in interface names");
            }
        }
        return name;
    }

    static int ttlThreshold(int ttl, String what) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException(what + " " + ttl + " out of range 1-255");
        }
        return ttl;
    }

    static int vifIndex(int index, String what) {
        if (index < 0 || index >= Vif.MAX_VIFS) {
            throw new IllegalArgumentException(what + " " + index + " out of range 0-" + (Vif.MAX_VIFS - 1));
        }
        return index;
    }

    static InetAddress group(InetAddress group) {
        Objects.requireNonNull(group, "group");
        if (!group.isMulticastAddress()) {
            throw new IllegalArgumentException("group " + InetAddresses.toText(group)
                    + " is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)");
        }
        return group;
    }

    static InetAddress source(InetAddress source, InetAddress group) {
        Objects.requireNonNull(source, "source");
        if (source.isMulticastAddress()) {
            throw new IllegalArgumentException("source " + InetAddresses.toText(source)
                    + " is a multicast address; a source must be unicast");
        }
        if (source.isAnyLocalAddress()) {
            throw new IllegalArgumentException("source " + InetAddresses.toText(source)
                    + " is the unspecified address; name a concrete source");
        }
        sameFamily(source, group);
        return source;
    }

    static void sameFamily(InetAddress source, InetAddress group) {
        if (Family.of(source) != Family.of(group)) {
            throw new IllegalArgumentException("source " + InetAddresses.toText(source) + " and group "
                    + InetAddresses.toText(group) + " are of different address families");
        }
    }
}
