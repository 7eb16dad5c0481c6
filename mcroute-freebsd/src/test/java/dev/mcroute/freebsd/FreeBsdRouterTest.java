package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.Fixtures.h;
import static dev.mcroute.freebsd.Fixtures.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the router through the recording fake and checks the exact system calls, option names
 * and struct bytes: descriptors 3 (IGMP), 4 (ICMPv6) and 5 (routing socket).
 */
class FreeBsdRouterTest {
    private RecordingNative libc;
    private FreeBsdRouter router;

    @BeforeEach
    void open() {
        libc = new RecordingNative(Fixtures.interfaces());
        router = FreeBsdRouter.open(libc, RouterOptions.defaults());
    }

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void openingInitialisesBothFamiliesAndOpensTheRoutingSocket() {
        assertEquals(List.of(
                "socket(AF_INET, SOCK_RAW, IPPROTO_IGMP)",
                "setsockopt(3, IPPROTO_IP, MRT_INIT, 01000000)",
                "setsockopt(3, IPPROTO_IP, MRT_ASSERT, 01000000)",
                "socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)",
                "setsockopt(4, IPPROTO_IPV6, MRT6_INIT, 01000000)",
                "setsockopt(4, IPPROTO_IPV6, MRT6_PIM, 01000000)",
                "socket(PF_ROUTE, SOCK_RAW, 0)"), libc.calls());
        assertEquals(Set.of(Family.IPV4, Family.IPV6), router.families());
        assertEquals(0, router.table());
        assertEquals("freebsd", router.providerName());
    }

    @Test
    void anIpv4VifIsBoundByTheInterfacesLocalAddress() {
        libc.clearCalls();
        Vif vif = router.addVif(VifSpec.of(Family.IPV4, "eth1").withTtlThreshold(3));

        // vifctl: vifi 0, flags 0, threshold 3, rate_limit 0, lcl_addr 10.0.1.1, rmt_addr 0
        assertEquals(List.of("setsockopt(3, IPPROTO_IP, MRT_ADD_VIF, " + h("0000 00 03 00000000 0a000101 00000000") + ")"),
                libc.calls());
        assertEquals(new Vif(Family.IPV4, 0, "eth1", 2, 3, Set.of()), vif);
        assertEquals(List.of(vif), router.vifs());
    }

    @Test
    void vifsTakeTheLowestFreeSlotAndAreRemovedByIndex() {
        Vif first = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
        Vif second = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
        libc.clearCalls();

        router.removeVif(first);
        Vif third = router.addVif(VifSpec.of(Family.IPV4, "eth0"));

        assertEquals(List.of(
                "setsockopt(3, IPPROTO_IP, MRT_DEL_VIF, 0000)",
                "setsockopt(3, IPPROTO_IP, MRT_ADD_VIF, " + h("0000 00 01 00000000 0a000001 00000000") + ")"),
                libc.calls());
        assertEquals(1, second.index());
        assertEquals(0, third.index());
    }

    @Test
    void aRegisterVifNeedsNoInterfaceAddress() {
        libc.clearCalls();
        Vif vif = router.addVif(new VifSpec(Family.IPV4, "pimreg", 1, Set.of(VifFlag.REGISTER)));

        assertEquals(List.of("setsockopt(3, IPPROTO_IP, MRT_ADD_VIF, " + h("0000 04 01 00000000 00000000 00000000") + ")"),
                libc.calls());
        assertEquals(0, vif.interfaceIndex());
    }

    @Test
    void anInterfaceWithoutIpv4AddressCannotHaveAnIpv4Vif() {
        libc.clearCalls();
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> router.addVif(VifSpec.of(Family.IPV4, "eth2")));

        assertEquals("MRT_ADD_VIF on eth2 on table 0: the interface has no IPv4 address;"
                + " FreeBSD binds a VIF to the interface's local address", e.getMessage());
        assertEquals(List.of(), libc.calls());
    }

    @Test
    void aKernelRefusalNamesTheOptionTheVifAndTheFreeBsdErrno() {
        libc.failNext("MRT_ADD_VIF", 49);
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> router.addVif(VifSpec.of(Family.IPV4, "eth0")));

        assertEquals("MRT_ADD_VIF VIF 0 on eth0 on table 0: EADDRNOTAVAIL (Can't assign requested address)", e.getMessage());
        assertEquals(49, e.errno());
        assertEquals(Optional.of("EADDRNOTAVAIL"), e.errnoName());
        assertEquals(List.of(), router.vifs());
    }

    @Test
    void anIpv6MifNamesThePhysicalInterfaceByIndex() {
        libc.clearCalls();
        Vif mif = router.addVif(VifSpec.of(Family.IPV6, "eth1"));
        Vif register = router.addVif(new VifSpec(Family.IPV6, "pim6reg", 1, Set.of(VifFlag.REGISTER)));

        // mif6ctl: mifi u16, flags u8, pad, pifi u16 = ifindex 2; MIFF_REGISTER 0x1 with pifi 0
        assertEquals(List.of(
                "setsockopt(4, IPPROTO_IPV6, MRT6_ADD_MIF, " + h("0000 00 00 0200") + ")",
                "setsockopt(4, IPPROTO_IPV6, MRT6_ADD_MIF, " + h("0100 01 00 0000") + ")"), libc.calls());
        assertEquals(2, mif.interfaceIndex());
        assertEquals(1, register.index());
    }

    @Test
    void anIpv4RouteCarriesOneTtlThresholdPerVifAndIsDeletedByItsKey() {
        SourceGroup key = SourceGroup.parse("10.0.0.9", "225.1.2.3");
        MfcEntry route = new MfcEntry(key, 0, List.of(new MfcEntry.Output(1, 1), new MfcEntry.Output(2, 5)));
        libc.clearCalls();

        router.addRoute(route);
        assertEquals(List.of(route), router.routes());
        assertTrue(router.removeRoute(key));
        assertFalse(router.removeRoute(key), "a second removal finds nothing and asks the kernel nothing");

        // mfcctl: origin, mcastgrp, parent u16, ttls[32], 2 bytes of padding to 44
        String ttls = "00 01 05" + zeros(29);
        assertEquals(List.of(
                "setsockopt(3, IPPROTO_IP, MRT_ADD_MFC, " + h("0a000009 e1010203 0000" + ttls + "0000") + ")",
                "setsockopt(3, IPPROTO_IP, MRT_DEL_MFC, " + h("0a000009 e1010203 0000" + zeros(32) + "0000") + ")"),
                libc.calls());
        assertEquals(List.of(), router.routes());
    }

    @Test
    void anIpv6RouteNamesItsOutputsAsABitSetOfMifs() {
        SourceGroup key = SourceGroup.parse("2001:db8:1::9", "ff0e::1234");
        MfcEntry route = new MfcEntry(key, 2, List.of(new MfcEntry.Output(1, 1), new MfcEntry.Output(3, 1)));
        libc.clearCalls();

        router.addRoute(route);
        assertTrue(router.removeRoute(key));

        String origin = "1c 1c 0000 00000000 20010db8000100000000000000000009 00000000";
        String group = "1c 1c 0000 00000000 ff0e0000000000000000000000001234 00000000";
        // parent u16 @56, 2 bytes of padding, if_set uint32_t[8] @60: bits 1 and 3 = 0x0000000a
        assertEquals(List.of(
                "setsockopt(4, IPPROTO_IPV6, MRT6_ADD_MFC, " + h(origin + group + "0200 0000 0a000000" + zeros(28)) + ")",
                "setsockopt(4, IPPROTO_IPV6, MRT6_DEL_MFC, " + h(origin + group + "0000 0000" + zeros(32)) + ")"),
                libc.calls());
    }

    @Test
    void routeCountersComeFromSiocgetsgcnt() {
        SourceGroup key = SourceGroup.parse("10.0.0.9", "225.1.2.3");
        router.addRoute(new MfcEntry(key, 0, List.of(new MfcEntry.Output(1, 1))));
        libc.answerIoctl(0xC0207210L, Fixtures.bytes(
                "0a000009 e1010203 0700000000000000 bc02000000000000 0200000000000000"));
        libc.clearCalls();

        assertEquals(new RouteCounters(7, 700, 2), router.counters(key));
        assertEquals(List.of("ioctl(3, SIOCGETSGCNT, " + h("0a000009 e1010203" + zeros(24)) + ")"), libc.calls());
    }

    @Test
    void vifAndMifCountersComeFromTheirIoctls() {
        Vif vif = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
        Vif mif = router.addVif(VifSpec.of(Family.IPV6, "eth0"));
        // icount @8, ocount @16, ibytes @24, obytes @32
        libc.answerIoctl(0xC028720FL, Fixtures.bytes("0000 000000000000 0a00000000000000 0b00000000000000"
                + " e803000000000000 4c04000000000000"));
        libc.answerIoctl(0xC028756BL, Fixtures.bytes("0000 000000000000 0100000000000000 0200000000000000"
                + " 0300000000000000 0400000000000000"));
        libc.clearCalls();

        assertEquals(new VifCounters(10, 1000, 11, 1100), router.counters(vif));
        assertEquals(new VifCounters(1, 3, 2, 4), router.counters(mif));
        assertEquals(List.of("ioctl(3, SIOCGETVIFCNT, " + zeros(40) + ")", "ioctl(4, SIOCGETMIFCNT_IN6, " + zeros(40) + ")"),
                libc.calls());
    }

    @Test
    void ipv6RouteCountersComeFromSiocgetsgcntIn6() {
        SourceGroup key = SourceGroup.parse("2001:db8:1::9", "ff0e::1234");
        router.addRoute(new MfcEntry(key, 0, List.of(new MfcEntry.Output(1, 1))));
        String request = "1c 1c 0000 00000000 20010db8000100000000000000000009 00000000"
                + "1c 1c 0000 00000000 ff0e0000000000000000000000001234 00000000";
        libc.answerIoctl(0xC050756AL, Fixtures.bytes(request + "0500000000000000 0006000000000000 0000000000000000"));
        libc.clearCalls();

        assertEquals(new RouteCounters(5, 1536, 0), router.counters(key));
        assertEquals(List.of("ioctl(4, SIOCGETSGCNT_IN6, " + h(request + zeros(24)) + ")"), libc.calls());
    }

    @Test
    void groupsAreJoinedWithProtocolIndependentRequests() {
        libc.clearCalls();
        Membership asm = Membership.anySource("eth0", InetAddresses.parse("225.1.2.3"));
        Membership ssm = Membership.sourceSpecific("eth1", InetAddresses.parse("2001:db8:1::9"), InetAddresses.parse("ff3e::1"));

        router.groups().join(asm);
        router.groups().join(ssm);
        router.groups().leave(asm);

        // group_req: gr_interface u32 @0, padding, sockaddr_storage @8 (136 bytes)
        String groupReq = h("01000000 00000000 10 02 0000 e1010203" + zeros(8)) + zeros(128 - 16);
        // group_source_req: interface @0, group @8, source @136 (264 bytes)
        String groupSourceReq = h("02000000 00000000 1c 1c 0000 00000000 ff3e0000000000000000000000000001 00000000")
                + zeros(128 - 28) + h("1c 1c 0000 00000000 20010db8000100000000000000000009 00000000") + zeros(128 - 28);
        assertEquals(List.of(
                "setsockopt(3, IPPROTO_IP, MCAST_JOIN_GROUP, " + groupReq + ")",
                "setsockopt(4, IPPROTO_IPV6, MCAST_JOIN_SOURCE_GROUP, " + groupSourceReq + ")",
                "setsockopt(3, IPPROTO_IP, MCAST_LEAVE_GROUP, " + groupReq + ")"), libc.calls());
        assertEquals(List.of(ssm), router.groups().memberships());
    }

    @Test
    void closingEndsMulticastRoutingAndClosesEverySocket() {
        router.addVif(VifSpec.of(Family.IPV4, "eth0"));
        libc.clearCalls();

        router.close();
        router.close();

        assertEquals(List.of(
                "setsockopt(3, IPPROTO_IP, MRT_DONE, )", "close(3)",
                "setsockopt(4, IPPROTO_IPV6, MRT6_DONE, )", "close(4)",
                "close(5)"), libc.calls());
        assertEquals(List.of(), router.vifs());
    }

    @Test
    void anotherTableThanZeroIsRefusedBeforeAnySystemCall() {
        RecordingNative untouched = new RecordingNative(Fixtures.interfaces());
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> FreeBsdRouter.open(untouched, RouterOptions.defaults().withTable(5)));

        assertEquals("open table 5: FreeBSD has a single multicast routing table per system (or per VNET jail);"
                + " only table 0 exists", e.getMessage());
        assertEquals(List.of(), untouched.calls());
    }

    @Test
    void anIpv4OnlyRouterOpensNoIpv6SocketAndRefusesMifs() {
        RecordingNative ipv4Only = new RecordingNative(Fixtures.interfaces());
        try (FreeBsdRouter r = FreeBsdRouter.open(ipv4Only, RouterOptions.defaults().withFamilies(Family.IPV4))) {
            MulticastRouterException e = assertThrows(MulticastRouterException.class,
                    () -> r.addVif(VifSpec.of(Family.IPV6, "eth0")));
            assertEquals("MRT6_ADD_MIF on eth0: the router was not opened for IPV6", e.getMessage());
            assertEquals(List.of(
                    "socket(AF_INET, SOCK_RAW, IPPROTO_IGMP)",
                    "setsockopt(3, IPPROTO_IP, MRT_INIT, 01000000)",
                    "setsockopt(3, IPPROTO_IP, MRT_ASSERT, 01000000)",
                    "socket(PF_ROUTE, SOCK_RAW, 0)"), ipv4Only.calls());
        }
    }

    @Test
    void aFailedInitClosesTheSocketsItOpened() {
        RecordingNative busy = new RecordingNative(Fixtures.interfaces());
        busy.failNext("MRT6_INIT", 48);
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> FreeBsdRouter.open(busy, RouterOptions.defaults()));

        assertEquals("MRT6_INIT IPv6 on table 0: EADDRINUSE (Address already in use)", e.getMessage());
        assertEquals(List.of("close(3)", "close(4)"), busy.calls().subList(busy.calls().size() - 2, busy.calls().size()));
    }

    @Test
    void aFailedInterfaceListingClosesEverySocketOpened() {
        RecordingNative broken = new RecordingNative(Fixtures.interfaces());
        broken.failNext("getifaddrs", 12);
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> FreeBsdRouter.open(broken, RouterOptions.defaults()));

        assertEquals("getifaddrs network interfaces: ENOMEM (Cannot allocate memory)", e.getMessage());
        List<String> calls = broken.calls();
        assertEquals(List.of("close(3)", "close(4)", "close(5)"), calls.subList(calls.size() - 3, calls.size()));
    }
}
