package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Upcalls as the kernel writes them into the multicast routing sockets. The byte arrays are laid
 * out by hand from {@code struct igmpmsg} (over the IP header of the packet: the first eight bytes
 * are the packet's own) and {@code struct mrt6msg}; no FreeBSD host was available to capture them.
 */
class UpcallTest {
    /** IP header bytes 0-7 of the triggering packet: version/IHL, TOS, length, id, fragment. */
    private static final String IP_HEAD = "45 00 0054 1c46 4000";
    private static final SourceGroup V4 = SourceGroup.parse("10.0.0.9", "225.1.2.3");
    private static final SourceGroup V6 = SourceGroup.parse("2001:db8:1::9", "ff0e::1234");
    private static final String V6_ADDRESSES = "20010db8000100000000000000000009 ff0e0000000000000000000000001234";

    private static Optional<Upcall> igmp(String hex) {
        byte[] b = bytes(hex);
        return UpcallParser.igmpmsg(b, b.length);
    }

    private static Optional<Upcall> mrt6(String hex) {
        byte[] b = bytes(hex);
        return UpcallParser.mrt6msg(b, b.length);
    }

    @Test
    void ipv4NocacheWrongvifAndWholepkt() {
        // msgtype @8, mbz @9, vif @10, unused @11, src @12, dst @16
        assertEquals(Optional.of(new Upcall(Upcall.Type.NOCACHE, 1, V4)), igmp(IP_HEAD + "01 00 01 00 0a000009 e1010203"));
        assertEquals(Optional.of(new Upcall(Upcall.Type.WRONGVIF, 2, V4)), igmp(IP_HEAD + "02 00 02 00 0a000009 e1010203"));
        assertEquals(Optional.of(new Upcall(Upcall.Type.WHOLEPKT, 3, V4)), igmp(IP_HEAD + "03 00 03 00 0a000009 e1010203"));
    }

    @Test
    void ipv4TrafficThatIsNoUpcallIsIgnored() {
        // a real IGMP report: TTL 1 and protocol 2 where an upcall has its type and a zero
        assertEquals(Optional.empty(), igmp("46c0 0020 0000 4000 01 02 0000 0a000009 e1010203 94040000 1600fa04 e1010203"));
        // IGMPMSG_BW_UPCALL (4) carries no (S,G) event of the API
        assertEquals(Optional.empty(), igmp(IP_HEAD + "04 00 01 00 0a000009 e1010203"));
        // too short to hold an igmpmsg
        assertEquals(Optional.empty(), igmp(IP_HEAD + "01 00 01 00 0a000009"));
    }

    @Test
    void ipv6NocacheWrongmifAndWholepkt() {
        // mbz @0, msgtype @1, mif u16 @2 (host order), pad @4, src @8, dst @24
        assertEquals(Optional.of(new Upcall(Upcall.Type.NOCACHE, 1, V6)), mrt6("00 01 0100 00000000" + V6_ADDRESSES));
        assertEquals(Optional.of(new Upcall(Upcall.Type.WRONGVIF, 2, V6)), mrt6("00 02 0200 00000000" + V6_ADDRESSES));
        assertEquals(Optional.of(new Upcall(Upcall.Type.WHOLEPKT, 3, V6)), mrt6("00 03 0300 00000000" + V6_ADDRESSES));
    }

    @Test
    void ipv6TrafficThatIsNoUpcallIsIgnored() {
        // an MLDv2 report (ICMPv6 type 143) on the same socket
        assertEquals(Optional.empty(), mrt6("8f 00 1234 0000 0001 04 00 0000 ff0e0000000000000000000000001234" + "00".repeat(4)));
    }

    @Test
    void theRouterDeliversUpcallsOfBothSocketsToItsListeners() {
        RecordingNative libc = new RecordingNative(Fixtures.interfaces());
        try (FreeBsdRouter router = FreeBsdRouter.open(libc, RouterOptions.defaults())) {
            List<Upcall> seen = new ArrayList<>();
            router.onUpcall(seen::add);
            libc.queueRead(3, bytes(IP_HEAD + "01 00 01 00 0a000009 e1010203"));
            libc.queueRead(4, bytes("00 02 0200 00000000" + V6_ADDRESSES));

            router.readOnce(0);

            assertEquals(List.of(new Upcall(Upcall.Type.NOCACHE, 1, V4), new Upcall(Upcall.Type.WRONGVIF, 2, V6)), seen);
        }
    }
}
