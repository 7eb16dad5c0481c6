package dev.mcroute.linux;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.testkit.netns.NetNamespace;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The group memberships the kernel reports in {@code /proc/net/igmp}, {@code mcfilter},
 * {@code igmp6} and {@code mcfilter6} of a namespace, as text {@code "(SOURCE|*, GROUP) on DEV"}.
 */
final class ProcNetMemberships {
    private ProcNetMemberships() {
    }

    /** @return every membership of the namespace, ASM as {@code (*, G) on DEV}, SSM as {@code (S, G) on DEV} */
    static Set<String> read(NetNamespace ns) {
        Set<String> result = new HashSet<>();
        String device = null;
        for (String line : ns.exec("cat", "/proc/net/igmp").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.startsWith("Idx") || f.length < 2) {
                continue;
            }
            if (!line.startsWith("\t")) {
                device = f[1];
            } else {
                // the group is printed as the host-order value of the network-order word
                result.add("(*, " + text(reverse(hex(f[0]))) + ") on " + device);
            }
        }
        for (String line : ns.exec("cat", "/proc/net/mcfilter").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (!line.startsWith("Idx") && f.length >= 4) {
                result.add("(" + text(hex(f[3].substring(2))) + ", " + text(hex(f[2].substring(2))) + ") on " + f[1]);
            }
        }
        for (String line : ns.exec("cat", "/proc/net/igmp6").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3) {
                result.add("(*, " + text(hex(f[2])) + ") on " + f[1]);
            }
        }
        for (String line : ns.exec("cat", "/proc/net/mcfilter6").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (!line.startsWith("Idx") && f.length >= 4) {
                result.add("(" + text(hex(f[3])) + ", " + text(hex(f[2])) + ") on " + f[1]);
            }
        }
        return result;
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.toLowerCase());
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static String text(byte[] address) {
        try {
            return InetAddresses.toText(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
