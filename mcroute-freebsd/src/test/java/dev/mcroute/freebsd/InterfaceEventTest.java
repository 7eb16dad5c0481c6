package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.Fixtures.address;
import static dev.mcroute.freebsd.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouterOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing socket messages, laid out by hand from {@code struct if_announcemsghdr},
 * {@code struct if_msghdr} and {@code struct ifa_msghdr} with their trailing sockaddrs, read by the
 * router from its PF_ROUTE socket (descriptor 5) and turned into interface events.
 */
class InterfaceEventTest {
    private static final int ROUTE_SOCKET = 5;
    /** sockaddr_dl of eth1 as RTA_IFP: len 18, AF_LINK, index 2, IFT_ETHER, nlen 4, alen 6, "eth1", MAC; SA_SIZE 24. */
    private static final String IFP_ETH1 = "12 12 0200 06 04 06 00 65746831 020000000001 000000000000";

    private RecordingNative libc;
    private FreeBsdRouter router;
    private final List<InterfaceEvent> events = new ArrayList<>();

    @BeforeEach
    void open() {
        libc = new RecordingNative(Fixtures.interfaces());
        router = FreeBsdRouter.open(libc, RouterOptions.defaults());
        router.onInterfaceEvent(events::add);
    }

    @AfterEach
    void close() {
        router.close();
    }

    private List<InterfaceEvent> read(String hex) {
        libc.queueRead(ROUTE_SOCKET, bytes(hex));
        router.readOnce(0);
        return List.copyOf(events);
    }

    @Test
    void anArrivalAnnouncementAddsTheInterfaceAsListed() {
        NetInterface vlan = new NetInterface("vlan10", 4, Fixtures.UP_MULTICAST, List.of());
        libc.setInterfaces(List.of(Fixtures.ETH0, Fixtures.ETH1, Fixtures.ETH2, vlan));

        // msglen 24, RTM_VERSION 5, RTM_IFANNOUNCE 0x11, index 4, name[16], what IFAN_ARRIVAL
        List<InterfaceEvent> seen = read("1800 05 11 0400 766c616e3130 00000000000000000000 0000");

        assertEquals(List.of(new InterfaceEvent(InterfaceEvent.Kind.ADDED, vlan)), seen);
        assertEquals(4, router.interfaces().size());
    }

    @Test
    void aDepartureAnnouncementRemovesTheInterface() {
        List<InterfaceEvent> seen = read("1800 05 11 0300 65746832 000000000000000000000000 0100");

        assertEquals(List.of(new InterfaceEvent(InterfaceEvent.Kind.REMOVED, Fixtures.ETH2)), seen);
        assertEquals(List.of(Fixtures.ETH0, Fixtures.ETH1), router.interfaces());
    }

    @Test
    void anIfinfoMessageChangesTheFlags() {
        // if_msghdr: msglen 168, version 5, RTM_IFINFO, addrs 0, flags IFF_UP|IFF_MULTICAST (not RUNNING), index 1,
        // then if_data (152 bytes since FreeBSD 11), of which nothing is read
        List<InterfaceEvent> seen = read("a800 05 0e 00000000 01800000 0100 0000" + "00".repeat(152));

        NetInterface down = new NetInterface("eth0", 1, EnumSet.of(InterfaceFlag.UP, InterfaceFlag.MULTICAST),
                Fixtures.ETH0.addresses());
        assertEquals(List.of(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, down)), seen);
    }

    @Test
    void aNewaddrMessageAddsTheAddressWithItsPrefix() {
        // ifa_msghdr: msglen 92, version 5, RTM_NEWADDR, addrs RTA_NETMASK|RTA_IFP|RTA_IFA|RTA_BRD, flags 0, index 2, metric 0
        List<InterfaceEvent> seen = read("5c00 05 0c b4000000 00000000 0200 0000 00000000"
                + "10 02 0000 ffffff00 0000000000000000"      // netmask 255.255.255.0
                + IFP_ETH1
                + "10 02 0000 0a000102 0000000000000000"      // address 10.0.1.2
                + "10 02 0000 0a0001ff 0000000000000000");    // broadcast

        NetInterface changed = new NetInterface("eth1", 2, Fixtures.UP_MULTICAST,
                List.of(address("10.0.1.1", 24), address("2001:db8:1::1", 64), address("10.0.1.2", 24)));
        assertEquals(List.of(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, changed)), seen);
    }

    @Test
    void aDeladdrMessageRemovesTheAddress() {
        // msglen 108, RTM_DELADDR, addrs RTA_NETMASK|RTA_IFP|RTA_IFA; sockaddr_in6 is 28 bytes, SA_SIZE 32
        List<InterfaceEvent> seen = read("6c00 05 0d 34000000 00000000 0200 0000 00000000"
                + "1c 1c 0000 00000000 ffffffffffffffff0000000000000000 00000000 00000000"
                + IFP_ETH1
                + "1c 1c 0000 00000000 20010db8000100000000000000000001 00000000 00000000");

        NetInterface changed = new NetInterface("eth1", 2, Fixtures.UP_MULTICAST, List.of(address("10.0.1.1", 24)));
        assertEquals(List.of(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, changed)), seen);
    }

    @Test
    void aShortenedIpv4NetmaskIsUnderstood() {
        // the kernel may cut a netmask sockaddr after its last non-zero byte (here sa_len 7, family 0)
        List<InterfaceEvent> seen = read("4400 05 0c 34000000 00000000 0200 0000 00000000"
                + "07 00 0000 ffffff 00"                       // netmask: 7 bytes, SA_SIZE 8
                + IFP_ETH1
                + "10 02 0000 0a000102 0000000000000000");

        assertEquals(address("10.0.1.2", 24), seen.get(0).iface().addresses().get(2));
    }

    @Test
    void aLinkLocalAddressLosesItsEmbeddedScope() {
        // link-local addresses carry the interface index in bytes 2-3 (KAME); netmask cut to 16 bytes
        List<InterfaceEvent> seen = read("5c00 05 0c 34000000 00000000 0200 0000 00000000"
                + "10 1c 0000 00000000 ffffffffffffffff"
                + IFP_ETH1
                + "1c 1c 0000 00000000 fe800002000000000000000000000002 00000000 00000000");

        assertEquals(address("fe80::2", 64), seen.get(0).iface().addresses().get(2));
    }

    @Test
    void routeMessagesAndOtherVersionsAreSkipped() {
        // an RTM_ADD (rt_msghdr, version 5) and an RTM_IFINFO of version 4, in one read
        List<InterfaceEvent> seen = read("1000 05 01 0100 0000 00000000 00000000" + "0c00 04 0e 00000000 01000000");

        assertEquals(List.of(), seen);
    }
}
