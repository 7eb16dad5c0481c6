package dev.mcroute.freebsd;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.NetInterface;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/** Interfaces and hex helpers shared by the tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final EnumSet<InterfaceFlag> UP_MULTICAST =
            EnumSet.of(InterfaceFlag.UP, InterfaceFlag.RUNNING, InterfaceFlag.MULTICAST);

    static final NetInterface ETH0 = new NetInterface("eth0", 1, UP_MULTICAST,
            List.of(address("10.0.0.1", 24), address("fe80::1", 64)));
    static final NetInterface ETH1 = new NetInterface("eth1", 2, UP_MULTICAST,
            List.of(address("10.0.1.1", 24), address("2001:db8:1::1", 64)));
    /** An interface without an IPv4 address: FreeBSD cannot bind an IPv4 VIF to it. */
    static final NetInterface ETH2 = new NetInterface("eth2", 3, UP_MULTICAST, List.of(address("2001:db8:2::1", 64)));

    static List<NetInterface> interfaces() {
        return List.of(ETH0, ETH1, ETH2);
    }

    static InterfaceAddress address(String text, int prefix) {
        return new InterfaceAddress(InetAddresses.parse(text), prefix);
    }

    /** @return the hex with blanks (written for readability) removed */
    static String h(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    /** @return the bytes of hex written with blanks */
    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(h(spaced));
    }

    /** @return {@code count} zero bytes in hex */
    static String zeros(int count) {
        return "00".repeat(count);
    }
}
