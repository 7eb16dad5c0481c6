package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A router between an upstream interface and three downstream LANs, one of them behind a TTL
 * threshold of 8 (the classic "keep this traffic inside the site" setup).
 */
@ExtendWith(MockKernelExtension.class)
class ForwardingTest {
    private static final SourceGroup STREAM = SourceGroup.parse("10.0.0.5", "225.1.2.3");

    private MulticastRouter router;
    private Vif upstream;
    private Vif lan1;
    private Vif lan2;
    private Vif site;

    @BeforeEach
    void topology(MockKernel kernel) {
        for (String name : List.of("upstream", "lan1", "lan2", "site")) {
            kernel.addInterface(name);
        }
        router = kernel.openRouter(RouterOptions.defaults());
        upstream = router.addVif(VifSpec.of(Family.IPV4, "upstream"));
        lan1 = router.addVif(VifSpec.of(Family.IPV4, "lan1"));
        lan2 = router.addVif(VifSpec.of(Family.IPV4, "lan2"));
        site = router.addVif(VifSpec.of(Family.IPV4, "site").withTtlThreshold(8));
    }

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void aPacketLeavesOnlyWhereItsTtlExceedsTheThreshold(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, lan2, site)));

        assertEquals(List.of("lan1", "lan2", "site"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 9).outputs());
        assertEquals(List.of("lan1", "lan2"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 8).outputs());
        assertEquals(List.of("lan1", "lan2"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 2).outputs());
        // threshold 1 still needs TTL 2: the forwarded copy must live one more hop
        Forwarding ttl1 = kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 1);
        assertEquals(Forwarding.Fate.ROUTED, ttl1.fate());
        assertEquals(List.of(), ttl1.outputs());
    }

    @Test
    void theRoutesThresholdDecidesNotTheVifsAsInLinux(MockKernel kernel) {
        // a route that ignores the site VIF's threshold 8 lets TTL 3 through, as Linux would
        router.addRoute(new MfcEntry(STREAM, upstream.index(), List.of(new MfcEntry.Output(site.index(), 2))));

        assertEquals(List.of("site"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 3).outputs());
    }

    @Test
    void countersAfterNPackets(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, site)));

        for (int i = 0; i < 5; i++) {
            kernel.simulatePacket("upstream", STREAM, 64, 1316);
        }
        for (int i = 0; i < 3; i++) {
            kernel.simulatePacket("upstream", STREAM, 4, 1316); // below the site threshold
        }
        kernel.simulatePacket("lan2", STREAM, 64, 1316); // wrong interface

        assertEquals(new RouteCounters(9, 9 * 1316, 1), router.counters(STREAM));
        assertEquals(new VifCounters(8, 8 * 1316, 0, 0), router.counters(upstream));
        assertEquals(new VifCounters(0, 0, 8, 8 * 1316), router.counters(lan1));
        assertEquals(new VifCounters(0, 0, 5, 5 * 1316), router.counters(site));
        assertEquals(VifCounters.ZERO, router.counters(lan2));
    }

    @Test
    void replacingARouteKeepsItsCounters(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1)));
        kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64);
        kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64);

        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan2)));
        Forwarding after = kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64);

        assertEquals(List.of("lan2"), after.outputs());
        assertEquals(new RouteCounters(3, 3 * MockKernel.DEFAULT_PACKET_SIZE, 0), router.counters(STREAM));
        assertEquals(List.of(MfcEntry.between(STREAM, upstream, List.of(lan2))), router.routes());
    }

    @Test
    void aStopFilterDropsTheTrafficWithoutAsking(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of()));
        List<Upcall> upcalls = new ArrayList<>();
        router.onUpcall(upcalls::add);

        Forwarding dropped = kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64);

        assertEquals(new Forwarding(Forwarding.Fate.ROUTED, List.of(), List.of()), dropped);
        assertEquals(List.of(), upcalls);
        assertEquals(1, router.counters(STREAM).packets());
    }

    @Test
    void removeRouteSaysWhetherItExisted(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1)));

        assertTrue(router.removeRoute(STREAM));
        assertFalse(router.removeRoute(STREAM));
        assertEquals(Forwarding.Fate.NO_ROUTE, kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64).fate());
        MulticastRouterException e = assertThrows(MulticastRouterException.class, () -> router.counters(STREAM));
        assertEquals("SIOCGETSGCNT", e.operation());
        assertEquals(99, e.errno());
    }

    @Test
    void aRouteThroughAMissingVifIsRefusedWithEinval() {
        router.removeVif(lan2);

        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, lan2))));
        assertEquals("MRT_ADD_MFC (10.0.0.5, 225.1.2.3) on table 0: EINVAL (Invalid argument: output VIF 2 is not installed)",
                e.getMessage());
        assertEquals(22, e.errno());
        assertEquals(List.of(), router.routes());
    }

    @Test
    void aVifRemovedLaterStopsForwardingAndOneAddedInItsSlotResumesAsInLinux(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, lan2)));

        router.removeVif(lan2);
        assertEquals(List.of("lan1"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64).outputs());

        kernel.addInterface("lan3");
        assertEquals(lan2.index(), router.addVif(VifSpec.of(Family.IPV4, "lan3")).index());
        assertEquals(List.of("lan1", "lan3"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64).outputs());
    }

    @Test
    void nothingLeavesThroughAnInterfaceThatIsDownAndNothingArrivesOnOne(MockKernel kernel) {
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, lan2)));

        kernel.setDown("lan1");
        assertEquals(List.of("lan2"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64).outputs());
        assertEquals(VifCounters.ZERO, router.counters(lan1));

        kernel.setDown("upstream");
        assertEquals(Forwarding.Fate.NOT_ROUTED, kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64).fate());
    }

    @Test
    void linkLocalGroupsAreNeverRouted(MockKernel kernel) {
        List<Upcall> upcalls = new ArrayList<>();
        router.onUpcall(upcalls::add);
        kernel.addInterface("v6");
        router.addVif(VifSpec.of(Family.IPV6, "v6"));

        assertEquals(Forwarding.notRouted(), kernel.simulatePacket("upstream", "10.0.0.5", "224.0.0.251", 64));
        assertEquals(Forwarding.notRouted(), kernel.simulatePacket("v6", "fe80::1", "ff02::fb", 64));
        assertEquals(Forwarding.notRouted(), kernel.simulatePacket("v6", "2001:db8::1", "ff01::1", 64));
        assertEquals(Forwarding.Fate.NO_ROUTE, kernel.simulatePacket("v6", "2001:db8::1", "ff05::1", 64).fate());
        assertEquals(1, upcalls.size());
    }

    @Test
    void anOutputThroughTheRegisterVifRaisesWholepkt(MockKernel kernel) {
        Vif register = router.addVif(new VifSpec(Family.IPV4, "pimreg", 1, Set.of(VifFlag.REGISTER)));
        router.addRoute(MfcEntry.between(STREAM, upstream, List.of(lan1, register)));
        List<Upcall> upcalls = new ArrayList<>();
        router.onUpcall(upcalls::add);

        Forwarding forwarding = kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 64);

        assertEquals(List.of("lan1"), forwarding.outputs());
        assertEquals(List.of(new Upcall(Upcall.Type.WHOLEPKT, register.index(), STREAM)), upcalls);
        assertEquals(1, router.counters(register).packetsOut());
    }

    @Test
    void packetsAreLookedUpInTheTableTheirInterfaceIsRoutedTo(MockKernel kernel) {
        kernel.addInterface("tv-in");
        kernel.addInterface("tv-out");
        kernel.routeInterfaceToTable("tv-in", 10);
        try (MulticastRouter tv = kernel.openRouter(RouterOptions.defaults().withTable(10))) {
            Vif in = tv.addVif(VifSpec.of(Family.IPV4, "tv-in"));
            Vif out = tv.addVif(VifSpec.of(Family.IPV4, "tv-out"));
            tv.addRoute(MfcEntry.between(STREAM, in, List.of(out)));

            assertEquals(List.of("tv-out"), kernel.simulatePacket("tv-in", "10.0.0.5", "225.1.2.3", 64).outputs());
            // table 0 has no VIF on tv-in: without the rule the packet would not be routed
            assertEquals(Forwarding.Fate.NOT_ROUTED,
                    kernel.simulatePacket("tv-out", "10.0.0.5", "225.1.2.3", 64).fate());
        }
    }
}
