package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class RouterLifecycleTest {
    private static final SourceGroup KEY = SourceGroup.parse("10.0.0.1", "225.1.1.1");

    @Test
    void aTableHasOneOwnerPerFamilyAsMrtInitEnforces(MockKernel kernel) {
        try (MulticastRouter first = kernel.openRouter(RouterOptions.defaults().withTable(3))) {
            MulticastRouterException taken = assertThrows(MulticastRouterException.class,
                    () -> kernel.openRouter(RouterOptions.defaults().withTable(3).withFamilies(Family.IPV6)));
            assertEquals("MRT6_INIT table 3: EADDRINUSE (Address already in use: another router owns this table)",
                    taken.getMessage());
            assertEquals(98, taken.errno());

            try (MulticastRouter other = kernel.openRouter(RouterOptions.defaults().withTable(4))) {
                assertEquals(List.of(first, other), kernel.openRouters());
            }
        }
        try (MulticastRouter v4 = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV4));
             MulticastRouter v6 = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV6))) {
            assertEquals(List.of(v4, v6), kernel.openRouters());
        }
    }

    @Test
    void closingFreesVifsRoutesAndMembershipsAndTheTable(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        MulticastRouter router = kernel.openRouter(RouterOptions.defaults());
        Vif in = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
        Vif out = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
        router.addRoute(MfcEntry.between(KEY, in, List.of(out)));
        router.groups().join(Membership.anySource("eth0", InetAddresses.parse("225.1.1.1")));

        router.close();
        router.close();

        assertEquals(Forwarding.notRouted(), kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.1", 64));
        assertEquals(List.of(), kernel.memberships("eth0"));
        assertEquals(0, kernel.membershipSockets());
        assertEquals(List.of(), kernel.openRouters());
        try (MulticastRouter again = kernel.openRouter(RouterOptions.defaults())) {
            assertEquals(List.of(), again.vifs());
            assertEquals(List.of(), again.routes());
        }
    }

    @Test
    void aClosedRouterFailsLikeAClosedSocket(MockKernel kernel) {
        kernel.addInterface("eth0");
        MulticastRouter router = kernel.openRouter(RouterOptions.defaults());
        router.close();

        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> router.addVif(VifSpec.of(Family.IPV4, "eth0")));
        assertEquals("MRT_ADD_VIF", e.operation());
        assertEquals(Optional.of("EBADF"), e.errnoName());
        assertThrows(MulticastRouterException.class, router::routes);
        assertThrows(MulticastRouterException.class,
                () -> router.groups().join(Membership.anySource("eth0", InetAddresses.parse("225.1.1.1"))));
    }

    @Test
    void concurrentPacketsAndRouteChangesLoseNoCountAndListenersRunOneAtATime(MockKernel kernel) throws Exception {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        kernel.addInterface("eth2");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif in = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif out1 = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
            Vif out2 = router.addVif(VifSpec.of(Family.IPV4, "eth2"));
            router.addRoute(MfcEntry.between(KEY, in, List.of(out1)));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger upcalls = new AtomicInteger();
            router.onUpcall(upcall -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                upcalls.incrementAndGet();
                inside.decrementAndGet();
            });

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 1000; i++) {
                            kernel.simulatePacket("eth0", KEY, 64, 10);
                            kernel.simulatePacket("eth0", "10.0.0." + (thread + 2), "225.1.1.1", 64);
                        }
                    }));
                }
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        router.addRoute(MfcEntry.between(KEY, in, List.of(i % 2 == 0 ? out2 : out1)));
                    }
                }));
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertEquals(new RouteCounters(3000, 30_000, 0), router.counters(KEY));
            assertEquals(3000, router.counters(out1).packetsOut() + router.counters(out2).packetsOut());
            assertEquals(3000, upcalls.get());
            assertEquals(0, overlaps.get());
        }
    }
}
