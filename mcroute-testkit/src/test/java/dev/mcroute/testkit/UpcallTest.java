package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Subscription;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class UpcallTest {

    @Test
    void aPacketWithoutARouteRaisesNocacheWithTheArrivalVifSourceAndGroup(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif eth1 = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
            router.addVif(VifSpec.of(Family.IPV6, "eth1"));
            List<Upcall> upcalls = new ArrayList<>();
            router.onUpcall(upcalls::add);

            Forwarding v4 = kernel.simulatePacket("eth1", "192.168.1.20", "239.255.0.1", 16);
            kernel.simulatePacket("eth1", "2001:db8::20", "ff05::1:3", 16);

            Upcall expected = new Upcall(Upcall.Type.NOCACHE, eth1.index(), SourceGroup.parse("192.168.1.20", "239.255.0.1"));
            assertEquals(new Forwarding(Forwarding.Fate.NO_ROUTE, List.of(), List.of(expected)), v4);
            assertEquals(List.of(expected,
                    new Upcall(Upcall.Type.NOCACHE, 0, SourceGroup.parse("2001:db8::20", "ff05::1:3"))), upcalls);
        }
    }

    @Test
    void aPacketOnAnInterfaceWithoutVifRaisesNothing(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("mgmt");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif eth0 = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            SourceGroup key = SourceGroup.parse("10.1.1.1", "225.0.0.9");
            router.addRoute(MfcEntry.between(key, eth0, List.of()));
            List<Upcall> upcalls = new ArrayList<>();
            router.onUpcall(upcalls::add);

            assertEquals(Forwarding.notRouted(), kernel.simulatePacket("mgmt", "10.1.1.1", "225.0.0.10", 64));
            // a route exists but mgmt has no VIF: counted as wrong interface, yet no WRONGVIF
            assertEquals(Forwarding.Fate.WRONG_INTERFACE, kernel.simulatePacket("mgmt", "10.1.1.1", "225.0.0.9", 64).fate());
            assertEquals(List.of(), upcalls);
            assertEquals(new RouteCounters(1, MockKernel.DEFAULT_PACKET_SIZE, 1), router.counters(key));
        }
    }

    @Test
    void everyPacketOnTheWrongVifRaisesWrongvifWithTheVifItArrivedOn(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        kernel.addInterface("eth2");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif eth0 = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif eth1 = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
            Vif eth2 = router.addVif(VifSpec.of(Family.IPV4, "eth2"));
            SourceGroup key = SourceGroup.parse("10.1.1.1", "225.0.0.9");
            router.addRoute(MfcEntry.between(key, eth0, List.of(eth1)));
            List<Upcall> upcalls = new ArrayList<>();
            router.onUpcall(upcalls::add);

            Forwarding wrong = kernel.simulatePacket("eth2", "10.1.1.1", "225.0.0.9", 64);
            kernel.simulatePacket("eth2", "10.1.1.1", "225.0.0.9", 64);

            Upcall expected = new Upcall(Upcall.Type.WRONGVIF, eth2.index(), key);
            assertEquals(new Forwarding(Forwarding.Fate.WRONG_INTERFACE, List.of(), List.of(expected)), wrong);
            assertEquals(List.of(expected, expected), upcalls);
            assertEquals(2, router.counters(key).wrongInterface());
            assertEquals(0, router.counters(eth1).packetsOut());
        }
    }

    @Test
    void upcallsGoToTheRouterOwningTheTableAndStopWhenUnsubscribed(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter v4 = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV4));
             MulticastRouter v6 = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV6))) {
            v4.addVif(VifSpec.of(Family.IPV4, "eth0"));
            v6.addVif(VifSpec.of(Family.IPV6, "eth0"));
            List<Upcall> seenV4 = new ArrayList<>();
            List<Upcall> seenV6 = new ArrayList<>();
            Subscription subscription = v4.onUpcall(seenV4::add);
            v6.onUpcall(seenV6::add);

            kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.1", 64);
            kernel.simulatePacket("eth0", "2001:db8::1", "ff0e::1", 64);
            subscription.close();
            subscription.close();
            kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.2", 64);

            assertEquals(List.of(new Upcall(Upcall.Type.NOCACHE, 0, SourceGroup.parse("10.0.0.1", "225.1.1.1"))), seenV4);
            assertEquals(List.of(new Upcall(Upcall.Type.NOCACHE, 0, SourceGroup.parse("2001:db8::1", "ff0e::1"))), seenV6);
        }
    }

    @Test
    void aListenerMayInstallTheRouteAndTheNextPacketIsForwarded(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif eth0 = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif eth1 = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
            // what a (*,G) engine does: on NOCACHE, install the (S,G) the packet asked for
            router.onUpcall(upcall -> router.addRoute(MfcEntry.between(upcall.key(), eth0, List.of(eth1))));

            Forwarding first = kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.1", 64);
            Forwarding second = kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.1", 64);

            assertEquals(Forwarding.Fate.NO_ROUTE, first.fate());
            assertEquals(List.of("eth1"), second.outputs());
        }
    }
}
