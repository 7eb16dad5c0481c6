package dev.mcroute.linux;

import static dev.mcroute.linux.RouterTopology.PORT;
import static dev.mcroute.linux.RouterTopology.group;
import static dev.mcroute.linux.RouterTopology.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.MulticastTraffic;
import dev.mcroute.testkit.netns.MulticastTraffic.Receiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real UDP multicast through a router on the default table, IPv4 and IPv6, in namespaces. */
class ForwardingTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    /** How long to listen when nothing may arrive; packets that are forwarded take microseconds. */
    private static final Duration SILENCE = Duration.ofMillis(700);

    private static RouterTopology net;

    @BeforeAll
    static void createTopology() {
        KernelTestPreconditions.require();
        net = RouterTopology.create();
    }

    @AfterAll
    static void deleteTopology() {
        if (net != null) {
            net.close();
        }
    }

    private static MulticastRouter open(Family family) throws Exception {
        return net.openRouter(RouterOptions.defaults().withFamilies(family));
    }

    private static List<String> payloads(String prefix, int from, int to) {
        List<String> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(prefix + "-" + i);
        }
        return list;
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aRouteForwardsToExactlyItsOutputsCountsAndStopsWhenRemoved(Family family) throws Exception {
        InetAddress g = group(family, 1);
        SourceGroup key = new SourceGroup(host(family, 0), g);
        InetSocketAddress destination = new InetSocketAddress(g, PORT);
        try (MulticastRouter router = open(family);
             Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", destination);
             Receiver b = MulticastTraffic.receiver(net.receiverB, "b0", destination)) {
            Vif in = router.addVif(VifSpec.of(family, "r0"));
            Vif toA = router.addVif(VifSpec.of(family, "r1"));
            Vif toB = router.addVif(VifSpec.of(family, "r2"));
            router.addRoute(MfcEntry.between(key, in, List.of(toA)));

            MulticastTraffic.send(net.sender, "s0", destination, 8, 5, "one");
            assertEquals(payloads("one", 0, 5), a.awaitCount(5, ARRIVAL));
            assertEquals(List.of(), b.collectFor(SILENCE));

            // adding the same (S,G) again updates it in place: its counters keep counting
            router.addRoute(MfcEntry.between(key, in, List.of(toA, toB)));
            assertEquals(List.of(MfcEntry.between(key, in, List.of(toA, toB))), router.routes());
            MulticastTraffic.send(net.sender, "s0", destination, 8, 5, "two");
            List<String> expectedA = new ArrayList<>(payloads("one", 0, 5));
            expectedA.addAll(payloads("two", 0, 5));
            assertEquals(expectedA, a.awaitCount(10, ARRIVAL));
            assertEquals(payloads("two", 0, 5), b.awaitCount(5, ARRIVAL));

            assertEquals(10, router.counters(key).packets());
            assertEquals(0, router.counters(key).wrongInterface());
            assertEquals(10, router.counters(in).packetsIn());
            assertEquals(10, router.counters(toA).packetsOut());
            assertEquals(5, router.counters(toB).packetsOut());

            assertTrue(router.removeRoute(key));
            assertFalse(router.removeRoute(key));
            assertEquals(List.of(), router.routes());
            MulticastTraffic.send(net.sender, "s0", destination, 8, 5, "three");
            assertEquals(expectedA, a.collectFor(SILENCE));
            assertEquals(payloads("two", 0, 5), b.collectFor(Duration.ZERO));
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aVifTtlThresholdDropsPacketsAtOrBelowItAndPassesThoseAbove(Family family) throws Exception {
        InetAddress g = group(family, 2);
        InetSocketAddress destination = new InetSocketAddress(g, PORT);
        try (MulticastRouter router = open(family);
             Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", destination)) {
            Vif in = router.addVif(VifSpec.of(family, "r0"));
            Vif toA = router.addVif(VifSpec.of(family, "r1").withTtlThreshold(5));
            router.addRoute(MfcEntry.between(new SourceGroup(host(family, 0), g), in, List.of(toA)));

            MulticastTraffic.send(net.sender, "s0", destination, 4, 3, "ttl4");
            MulticastTraffic.send(net.sender, "s0", destination, 5, 3, "ttl5");
            MulticastTraffic.send(net.sender, "s0", destination, 6, 3, "ttl6");
            if (family == Family.IPV4) {
                assertEquals(payloads("ttl6", 0, 3), a.awaitCount(3, ARRIVAL));
                assertEquals(payloads("ttl6", 0, 3), a.collectFor(SILENCE));
            } else {
                // ip6mr keeps the MIF threshold but never compares hop limits with it: all pass
                List<String> all = new ArrayList<>(payloads("ttl4", 0, 3));
                all.addAll(payloads("ttl5", 0, 3));
                all.addAll(payloads("ttl6", 0, 3));
                assertEquals(all, a.awaitCount(9, ARRIVAL));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void trafficWithoutARouteRaisesNocacheForItsVifSourceAndGroup(Family family) throws Exception {
        InetAddress g = group(family, 3);
        try (MulticastRouter router = open(family)) {
            router.addVif(VifSpec.of(family, "r2"));
            Vif in = router.addVif(VifSpec.of(family, "r0"));
            BlockingQueue<Upcall> upcalls = new LinkedBlockingQueue<>();
            router.onUpcall(upcalls::add);

            MulticastTraffic.send(net.sender, "s0", new InetSocketAddress(g, PORT), 8, 1, "unknown");
            Upcall upcall = awaitUpcallFor(upcalls, g);
            assertEquals(new Upcall(Upcall.Type.NOCACHE, in.index(), new SourceGroup(host(family, 0), g)), upcall);
            assertEquals(1, in.index(), "the second VIF, so that a wrong index would show");
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aListenerOnTheRoutersThreadCanInstallTheRouteAndTheHeldPacketIsForwarded(Family family) throws Exception {
        InetAddress g = group(family, 6);
        InetSocketAddress destination = new InetSocketAddress(g, PORT);
        try (MulticastRouter router = open(family);
             Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", destination)) {
            Vif in = router.addVif(VifSpec.of(family, "r0"));
            Vif toA = router.addVif(VifSpec.of(family, "r1"));
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            router.onUpcall(upcall -> {
                if (upcall.type() == Upcall.Type.NOCACHE && upcall.key().group().equals(g)) {
                    threads.add(Thread.currentThread().getName());
                    // what an engine does: match the upcall, join, install the route, all on this thread
                    router.groups().join(Membership.anySource("r1", g));
                    router.addRoute(MfcEntry.between(upcall.key(), in, List.of(toA)));
                }
            });

            MulticastTraffic.send(net.sender, "s0", destination, 8, 1, "held");
            // the kernel queued the first packet until the route came, then forwarded it
            assertEquals(List.of("held-0"), a.awaitCount(1, ARRIVAL));
            MulticastTraffic.send(net.sender, "s0", destination, 8, 3, "next");
            assertEquals(List.of("held-0", "next-0", "next-1", "next-2"), a.awaitCount(4, ARRIVAL));
            assertEquals("mcroute-linux table 0", threads.poll());
            assertEquals(List.of(Membership.anySource("r1", g)), router.groups().memberships());
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void trafficArrivingOnAnOutputRaisesWrongvif(Family family) throws Exception {
        InetAddress g = group(family, 4);
        SourceGroup key = new SourceGroup(host(family, 1), g);
        try (MulticastRouter router = open(family)) {
            Vif in = router.addVif(VifSpec.of(family, "r0"));
            Vif toA = router.addVif(VifSpec.of(family, "r1"));
            router.addRoute(MfcEntry.between(key, in, List.of(toA)));
            BlockingQueue<Upcall> upcalls = new LinkedBlockingQueue<>();
            router.onUpcall(upcalls::add);

            // receiver A sends to the group itself: the packet arrives on r1, which the route only sends out of
            MulticastTraffic.send(net.receiverA, "a0", new InetSocketAddress(g, PORT), 8, 1, "wrong");
            assertEquals(new Upcall(Upcall.Type.WRONGVIF, toA.index(), key), awaitUpcallFor(upcalls, g));
            assertEquals(1, router.counters(key).wrongInterface());
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void closingTheRouterLeavesTheKernelTablesEmpty(Family family) throws Exception {
        String vifFile = family == Family.IPV4 ? "/proc/net/ip_mr_vif" : "/proc/net/ip6_mr_vif";
        String cacheFile = family == Family.IPV4 ? "/proc/net/ip_mr_cache" : "/proc/net/ip6_mr_cache";
        MulticastRouter router = open(family);
        Vif in = router.addVif(VifSpec.of(family, "r0"));
        Vif out = router.addVif(VifSpec.of(family, "r1"));
        router.addRoute(MfcEntry.between(new SourceGroup(host(family, 0), group(family, 5)), in, List.of(out)));
        assertTrue(net.routerFile(vifFile).contains("r1"), net.routerFile(vifFile));
        assertEquals(2, net.routerFile(cacheFile).lines().count(), net.routerFile(cacheFile));

        router.close();
        router.close();
        assertEquals(1, net.routerFile(vifFile).lines().count(), net.routerFile(vifFile));
        assertEquals(1, net.routerFile(cacheFile).lines().count(), net.routerFile(cacheFile));
    }

    private static Upcall awaitUpcallFor(BlockingQueue<Upcall> upcalls, InetAddress group) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (System.nanoTime() < deadline) {
            Upcall upcall = upcalls.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (upcall != null && upcall.key().group().equals(group)) {
                return upcall;
            }
        }
        assertNotNull(null, "no upcall for " + group + " within " + ARRIVAL);
        return null;
    }
}
