package dev.mcroute.linux;

import static dev.mcroute.linux.RouterTopology.PORT;
import static dev.mcroute.linux.RouterTopology.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.engine.ApplyResult;
import dev.mcroute.engine.DesiredState;
import dev.mcroute.engine.Engine;
import dev.mcroute.engine.EngineOptions;
import dev.mcroute.engine.EngineSnapshot;
import dev.mcroute.engine.InstalledRoute;
import dev.mcroute.engine.RouteRule;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.MulticastTraffic;
import dev.mcroute.testkit.netns.MulticastTraffic.Receiver;
import dev.mcroute.testkit.netns.NetNamespace;
import dev.mcroute.testkit.netns.Veth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine on the Linux kernel, with real packets: what the mock cannot show (the kernel's
 * queue of unresolved packets, netlink activation, expiry by kernel counters, reload under load).
 * Figures are printed for the record, never asserted against a clock.
 */
class EngineKernelTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final InetAddress SENDER = host(Family.IPV4, 0);

    private static RouterTopology net;
    private MulticastRouter router;
    private Engine engine;

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

    private void start(EngineOptions options) throws Exception {
        router = net.openRouter(RouterOptions.defaults());
        engine = new Engine(router, options);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private static DesiredState routes(List<RouteRule> rules) {
        return new DesiredState(List.of(), rules, List.of());
    }

    private static List<String> payloads(String prefix, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(prefix + "-" + i);
        }
        return list;
    }

    /** Polls the engine until its state satisfies the condition; returns how long that took. */
    private long awaitState(Predicate<EngineSnapshot> condition, Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (!condition.test(engine.snapshot(false))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("engine state not reached within " + patience + ": " + engine.snapshot(false));
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aTemplateForwardsANewStreamFromItsFirstPacket() throws Exception {
        start(EngineOptions.defaults());
        engine.apply(routes(List.of(RouteRule.of("r0", null, "239.71.1.0/24", "r1"))));
        InetSocketAddress paced = new InetSocketAddress(InetAddresses.parse("239.71.1.7"), PORT);
        InetSocketAddress burst = new InetSocketAddress(InetAddresses.parse("239.71.1.8"), PORT);

        try (Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", paced)) {
            MulticastTraffic.send(net.sender, "s0", paced, 8, 20, "paced", Duration.ofMillis(10));
            assertEquals(payloads("paced", 20), a.awaitCount(20, ARRIVAL),
                    "every datagram of a new stream, the first included, is forwarded");
        }
        try (Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", burst)) {
            MulticastTraffic.send(net.sender, "s0", burst, 8, 20, "burst");
            int arrived = a.collectFor(Duration.ofMillis(500)).size();
            // Linux holds only a few packets of an unresolved flow: a burst faster than the upcall
            // round trip loses the rest whatever the daemon does; recorded, not asserted
            System.out.println("[engine-kernel] (*,G) burst of 20 back to back: " + arrived + " arrived");
            assertTrue(arrived >= 1, "at least the queued first packet is forwarded");
        }
    }

    @Test
    void reloadDuringAFlowLosesNoPacket() throws Exception {
        start(EngineOptions.defaults());
        InetAddress group = InetAddresses.parse("239.71.2.1");
        List<RouteRule> rules = new ArrayList<>();
        rules.add(RouteRule.of("r0", SENDER.getHostAddress(), "239.71.2.1", "r1"));
        for (int i = 0; i < 1000; i++) {
            rules.add(RouteRule.of("r0", "10.99." + (i / 250) + "." + (i % 250 + 1), "239.71.2.2", "r1"));
        }
        engine.apply(routes(rules));

        try (Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", new InetSocketAddress(group, PORT))) {
            // read while the flow runs: a receiver that waits would overflow its socket buffer
            CompletableFuture<List<String>> arrived = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.awaitCount(500, Duration.ofSeconds(10));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
                try {
                    MulticastTraffic.send(net.sender, "s0", new InetSocketAddress(group, PORT), 8, 500, "flow",
                            Duration.ofMillis(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Long> reloadMillis = new ArrayList<>();
            for (int round = 0; round < 5 && !flow.isDone(); round++) {
                List<RouteRule> next = new ArrayList<>(rules);
                next.set(500, RouteRule.of("r0", rules.get(500).source().toString(), "239.71.2.2",
                        round % 2 == 0 ? "r2" : "r1"));
                long t0 = System.nanoTime();
                ApplyResult result = engine.apply(routes(next));
                reloadMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertEquals(1, result.routesUpdated(), result.toString());
                assertEquals(1000, result.routesUnchanged(), result.toString());
                rules = next;
            }
            flow.join();
            assertEquals(payloads("flow", 500), arrived.join(), "no packet of the established flow is lost");
            System.out.println("[engine-kernel] reload of 1001 routes, one changed, during 500 pkt/s: "
                    + reloadMillis + " ms, 0 of 500 lost");
        }
    }

    @Test
    void aRouteWhoseOutboundInterfaceAppearsLaterActivatesWithoutReload() throws Exception {
        start(EngineOptions.defaults());
        InetAddress group = InetAddresses.parse("239.71.3.1");
        engine.apply(routes(List.of(RouteRule.of("r0", SENDER.getHostAddress(), "239.71.3.1", "r1", "late3"))));
        assertEquals("outbound interface late3 does not exist", engine.snapshot(false).pending().get(0).reason());

        try (NetNamespace late = NetNamespace.create("mcl-late")) {
            long created = System.nanoTime();
            Veth.connect(late, "c0", net.router, "late3");
            late.ip("addr", "add", "10.71.3.2/24", "dev", "c0");
            net.router.ip("addr", "add", "10.71.3.1/24", "dev", "late3");
            awaitState(s -> s.pending().isEmpty()
                    && s.routes().stream().anyMatch(r -> r.outbound().contains("late3")), Duration.ofSeconds(5));
            System.out.println("[engine-kernel] outbound veth created after start: route active "
                    + (System.nanoTime() - created) / 1_000_000 + " ms after `ip link add` began (addresses included)");

            try (Receiver c = MulticastTraffic.receiver(late, "c0", new InetSocketAddress(group, PORT))) {
                MulticastTraffic.send(net.sender, "s0", new InetSocketAddress(group, PORT), 8, 5, "late");
                assertEquals(payloads("late", 5), c.awaitCount(5, ARRIVAL));
            }
        } finally {
            engine.awaitIdle();
        }
        awaitState(s -> s.pending().size() == 1, Duration.ofSeconds(5));
        assertEquals(List.of("r1"), engine.snapshot(false).routes().get(0).outbound(),
                "with the veth gone the route forwards to what is left and waits for the rest");
    }

    @Test
    void anIdleTemplateRouteExpires() throws Exception {
        start(EngineOptions.defaults().withExpiryInterval(Duration.ofMillis(500)));
        engine.apply(routes(List.of(RouteRule.of("r0", null, "239.71.4.0/24", "r1"))));
        InetSocketAddress destination = new InetSocketAddress(InetAddresses.parse("239.71.4.4"), PORT);
        SourceGroup key = new SourceGroup(SENDER, destination.getAddress());

        try (Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", destination)) {
            MulticastTraffic.send(net.sender, "s0", destination, 8, 3, "idle", Duration.ofMillis(10));
            assertEquals(3, a.awaitCount(3, ARRIVAL).size());
        }
        assertTrue(engine.snapshot(false).routes().stream().map(InstalledRoute::key).anyMatch(key::equals));

        long millis = awaitState(s -> s.routes().isEmpty(), Duration.ofSeconds(10));
        System.out.println("[engine-kernel] idle template route removed " + millis + " ms after traffic stopped"
                + " (expiry interval 500 ms)");
        assertFalse(net.routerFile("/proc/net/ip_mr_cache").contains("040447EF"),
                "the kernel no longer holds (10.71.0.2, 239.71.4.4)");
    }

    /** Sends one datagram to each of {@code count} groups {@code prefix + i/256 + "." + i%256}, back to back. */
    private void sendOneDatagramEach(String prefix, int count) throws Exception {
        net.sender.call(() -> {
            try (java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open(
                    java.net.StandardProtocolFamily.INET)) {
                channel.setOption(java.net.StandardSocketOptions.IP_MULTICAST_IF,
                        java.net.NetworkInterface.getByName("s0"));
                channel.setOption(java.net.StandardSocketOptions.IP_MULTICAST_TTL, 8);
                java.nio.ByteBuffer payload = java.nio.ByteBuffer.wrap(new byte[] {1});
                for (int i = 0; i < count; i++) {
                    InetAddress group = InetAddresses.parse(prefix + (i >> 8) + "." + (i & 0xff));
                    channel.send(payload.rewind(), new InetSocketAddress(group, PORT));
                }
            }
            return null;
        });
    }

    @Test
    void everyFlowOfABurstOf500NewFlowsGetsItsRoute() throws Exception {
        start(EngineOptions.defaults());
        engine.apply(routes(List.of(RouteRule.of("r0", null, "239.74.0.0/16", "r1"))));

        // one datagram each, back to back: a lost upcall is a flow without a route until its next packet
        sendOneDatagramEach("239.74.", 500);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long inKernel;
        do {
            Thread.sleep(20);
            inKernel = net.routerFile("/proc/net/ip_mr_cache").lines()
                    .filter(line -> line.split("\\s+")[0].endsWith("4AEF")).count();
        } while (inKernel < 500 && System.nanoTime() < deadline);
        assertEquals(500, inKernel, "routes for 239.74.x.y in the kernel");
        assertEquals(500, engine.snapshot(false).routes().size(), "template routes the engine holds");
    }

    @Test
    void aFloodOfNewFlowsStaysBoundedAndTheTemplateStillWorks() throws Exception {
        start(EngineOptions.defaults().withDynamicLimit(2000));
        engine.apply(routes(List.of(RouteRule.of("r0", null, "239.73.0.0/16", "r1"))));

        sendOneDatagramEach("239.72.", 10_000);
        engine.awaitIdle();
        int held = engine.snapshot(false).routes().size();
        System.out.println("[engine-kernel] 10 000 new unmatched flows back to back: " + held
                + " stop filters held (limit 2000)");
        assertTrue(held <= 2000, held + " dynamic routes");

        InetSocketAddress wanted = new InetSocketAddress(InetAddresses.parse("239.73.0.1"), PORT);
        try (Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", wanted)) {
            MulticastTraffic.send(net.sender, "s0", wanted, 8, 10, "after-flood", Duration.ofMillis(10));
            assertEquals(payloads("after-flood", 10), a.awaitCount(10, ARRIVAL),
                    "the template still installs and forwards after the flood");
        }
    }
}
