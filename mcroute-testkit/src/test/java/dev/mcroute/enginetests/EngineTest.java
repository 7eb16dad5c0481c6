package dev.mcroute.enginetests;

import dev.mcroute.engine.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.testkit.Forwarding;
import dev.mcroute.testkit.MockKernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's behaviour on the testkit's kernel model: packets in, interfaces out. */
class EngineTest {

    private MockKernel kernel;
    private MulticastRouter router;
    private Engine engine;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        kernel = new MockKernel();
        for (String name : List.of("eth0", "eth1", "eth2", "eth3")) {
            kernel.addInterface(name);
        }
        router = kernel.openRouter(RouterOptions.defaults());
        engine = new Engine(router, EngineOptions.defaults().withExpiryInterval(Duration.ZERO));
        engine.addListener(new EngineListener() {
            @Override
            public void routeInstalled(InstalledRoute route, RouteRule template) {
                events.add("installed " + route.key() + " by " + template);
            }

            @Override
            public void pending(PendingItem item) {
                events.add("pending " + item);
            }

            @Override
            public void activated(PendingItem item) {
                events.add("activated " + item);
            }
        });
    }

    @AfterEach
    void stop() {
        engine.close();
        router.close();
    }

    private List<String> send(String iface, String source, String group) {
        return send(iface, source, group, 64);
    }

    /** Sends one packet, lets the engine handle any upcall it caused, and says where it went. */
    private List<String> send(String iface, String source, String group, int ttl) {
        List<String> out = kernel.simulatePacket(iface, InetAddresses.parse(source), InetAddresses.parse(group), ttl)
                .outputs();
        engine.awaitIdle();
        return out;
    }

    private static DesiredState routes(RouteRule... rules) {
        return new DesiredState(List.of(), List.of(rules), List.of());
    }

    private List<String> vifNames() {
        return router.vifs().stream().map(Vif::interfaceName).sorted().toList();
    }

    @Test
    void sourceGroupRuleIsInstalledAtOnceWithVifsOnlyForItsInterfaces() {
        ApplyResult result = engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1", "eth2")));

        assertEquals(1, result.routesAdded(), result.toString());
        assertEquals(List.of("eth0", "eth1", "eth2"), vifNames());
        assertEquals(List.of("eth1", "eth2"), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of(), send("eth0", "10.0.0.2", "225.1.2.3"), "another source is not routed");
    }

    @Test
    void vifsAreGivenBackWhenNoRuleNeedsThem() {
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1", "eth3")));
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1")));

        assertEquals(List.of("eth0", "eth1"), vifNames());
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.3"));
    }

    @Test
    void templateInstallsTheConcreteRouteOnTheFirstPacket() {
        engine.apply(routes(RouteRule.of("eth0", null, "225.1.2.0/24", "eth1")));
        assertTrue(engine.snapshot(false).routes().isEmpty(), "a template installs nothing by itself");

        send("eth0", "10.0.0.7", "225.1.2.9");

        List<InstalledRoute> installed = engine.snapshot(false).routes();
        assertEquals(1, installed.size());
        assertEquals(SourceGroup.parse("10.0.0.7", "225.1.2.9"), installed.get(0).key());
        assertTrue(installed.get(0).dynamic());
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.7", "225.1.2.9"));
        assertEquals(List.of("installed (10.0.0.7, 225.1.2.9) by mroute from eth0 group 225.1.2.0/24 to eth1"), events);
    }

    @Test
    void theMostSpecificTemplateWins() {
        engine.apply(routes(
                RouteRule.of("eth+", null, "225.0.0.0/8", "eth1"),
                RouteRule.of("eth0", null, "225.1.2.0/24", "eth2"),
                RouteRule.of("eth+", null, "225.1.2.0/24", "eth3")));

        send("eth0", "10.0.0.1", "225.1.2.3");
        send("eth0", "10.0.0.1", "225.9.9.9");
        send("eth2", "10.0.0.2", "225.1.2.3");

        assertEquals(List.of("eth2"), send("eth0", "10.0.0.1", "225.1.2.3"), "longer prefix, exact interface");
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.9.9.9"), "only the /8 covers it");
        assertEquals(List.of("eth3"), send("eth2", "10.0.0.2", "225.1.2.3"), "the wildcard /24 covers eth2");
    }

    @Test
    void unmatchedSendersGetAStopFilterThatARuleAddedLaterTurnsIntoARoute() {
        engine.apply(routes(RouteRule.of("eth0", null, "225.1.2.0/24", "eth1")));

        send("eth0", "10.0.0.1", "239.1.1.1");
        Forwarding second = kernel.simulatePacket("eth0", "10.0.0.1", "239.1.1.1", 64);
        assertEquals(List.of(), second.outputs());
        assertEquals(List.of(), second.upcalls(), "a stop filter makes the kernel stop asking");
        assertTrue(engine.snapshot(false).routes().get(0).isStopFilter());

        engine.addRoute(RouteRule.of("eth0", null, "239.0.0.0/8", "eth2"));
        assertEquals(List.of("eth2"), send("eth0", "10.0.0.1", "239.1.1.1"));

        engine.removeRoute(RouteRule.of("eth0", null, "239.0.0.0/8"));
        assertEquals(List.of(), send("eth0", "10.0.0.1", "239.1.1.1"));
        assertTrue(engine.snapshot(false).routes().get(0).isStopFilter(), "back to a stop filter");
    }

    @Test
    void staticStopFilterDropsTraffic() {
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3")));
        assertEquals(List.of(), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of("eth0"), vifNames());
    }

    @Test
    void rangesExpandToEveryPairAndRefuseMoreThanTheLimit() {
        engine.close();
        engine = new Engine(router, EngineOptions.defaults().withExpiryInterval(Duration.ZERO).withExpansionLimit(100));

        ApplyResult result = engine.apply(routes(
                RouteRule.of("eth0", "10.0.0.0/30", "225.1.1.0/30", "eth1"),
                RouteRule.of("eth0", "10.1.0.0/24", "225.2.0.0/24", "eth1")));

        assertEquals(16, result.routesAdded());
        assertEquals(List.of("mroute from eth0 source 10.1.0.0/24 group 225.2.0.0/24 to eth1: expands to more than"
                + " 100 kernel routes; use a longer source or group prefix"), result.problems());
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.3", "225.1.1.2"));
    }

    /** @return veth10 to veth49, added: with eth0, more than the {@value Vif#MAX_VIFS} VIFs there are */
    private List<String> fortyInterfaces() {
        List<String> names = new ArrayList<>();
        for (int i = 10; i < 50; i++) {
            kernel.addInterface("veth" + i);
            names.add("veth" + i);
        }
        engine.awaitIdle();
        return names;
    }

    @Test
    void vifExhaustionIsReportedPerInterfaceAndTheRestIsInstalled() {
        List<String> outs = fortyInterfaces();

        ApplyResult result = engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", outs.toArray(String[]::new))));

        assertEquals(Vif.MAX_VIFS, router.vifs().size());
        assertEquals(9, result.problems().size(), result.problems().toString());
        assertEquals("interface veth41: no free VIF (all 32 in use); routes through it are not installed",
                result.problems().get(0));
        assertEquals(outs.subList(0, 31), send("eth0", "10.0.0.1", "225.1.2.3"));
    }

    @Test
    void anSgThatAnEarlierRuleHoldsButCouldNotInstallIsNotTakenByALaterOne() {
        List<String> outs = fortyInterfaces();
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", outs.toArray(String[]::new))));
        // veth45 has no VIF (all 32 in use): the first rule holds the (S,G) without a kernel route
        ApplyResult first = engine.addRoute(RouteRule.of("veth45", "10.0.0.9", "225.9.9.9", "eth0"));
        assertTrue(first.problems().contains("(10.0.0.9, 225.9.9.9) from veth45: no VIF on the inbound interface"),
                first.problems().toString());

        ApplyResult second = engine.addRoute(RouteRule.of("eth0", "10.0.0.9", "225.9.9.9", "veth10"));

        assertTrue(second.problems().stream().anyMatch(p -> p.contains("is already routed by")), second.problems().toString());
        assertEquals(List.of(), send("eth0", "10.0.0.9", "225.9.9.9"), "the rule that came first keeps the (S,G)");
    }

    @Test
    void ruleForAMissingInterfaceWaitsAndFollowsTheInterfaceComingAndGoing() {
        engine.apply(routes(RouteRule.of("eth9", "10.0.0.1", "225.1.2.3", "eth1")));
        assertEquals(1, engine.snapshot(false).pending().size());
        assertEquals("interface eth9 does not exist", engine.snapshot(false).pending().get(0).reason());

        kernel.addInterface("eth9");
        engine.awaitIdle();
        assertTrue(engine.snapshot(false).pending().isEmpty());
        assertEquals(List.of("eth1"), send("eth9", "10.0.0.1", "225.1.2.3"));

        kernel.removeInterface("eth9");
        engine.awaitIdle();
        assertEquals(1, engine.snapshot(false).pending().size());
        assertTrue(engine.snapshot(false).routes().isEmpty());
        assertEquals(List.of(), vifNames(), "a waiting rule holds no VIF");

        kernel.addInterface("eth9");
        engine.awaitIdle();
        assertEquals(List.of("eth1"), send("eth9", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of(
                "pending mroute from eth9 source 10.0.0.1 group 225.1.2.3 to eth1 (interface eth9 does not exist)",
                "activated mroute from eth9 source 10.0.0.1 group 225.1.2.3 to eth1 (interface eth9 does not exist)",
                "pending mroute from eth9 source 10.0.0.1 group 225.1.2.3 to eth1 (interface eth9 does not exist)",
                "activated mroute from eth9 source 10.0.0.1 group 225.1.2.3 to eth1 (interface eth9 does not exist)"),
                events);
    }

    @Test
    void rulesNamingTheSameInterfacesAllFollowAnOutboundInterfaceComingAndGoing() {
        kernel.addInterface("eth9");
        engine.awaitIdle();
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1", "eth9"),
                RouteRule.of("eth0", "10.0.0.2", "225.1.2.4", "eth1", "eth9")));
        assertEquals(List.of("eth1", "eth9"), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of("eth1", "eth9"), send("eth0", "10.0.0.2", "225.1.2.4"));

        kernel.removeInterface("eth9");
        engine.awaitIdle();
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.2", "225.1.2.4"));
        assertEquals(2, engine.snapshot(false).pending().size());

        kernel.addInterface("eth9");
        engine.awaitIdle();
        assertEquals(List.of("eth1", "eth9"), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of("eth1", "eth9"), send("eth0", "10.0.0.2", "225.1.2.4"));
        assertTrue(engine.snapshot(false).pending().isEmpty());
    }

    @Test
    void reloadChangesOneRouteAmongThousandsAndLeavesTheOthersCounting() {
        List<RouteRule> rules = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rules.add(RouteRule.of("eth0", "10.0." + (i / 250) + "." + (i % 250 + 1), "225.1.1.1", "eth1"));
        }
        engine.apply(new DesiredState(List.of(), rules, List.of()));
        for (RouteRule rule : rules) {
            kernel.simulatePacket("eth0", rule.source().address(), rule.group().address(), 64);
        }

        List<RouteRule> changed = new ArrayList<>(rules);
        changed.set(1000, RouteRule.of("eth0", rules.get(1000).source().toString(), "225.1.1.1", "eth2"));
        ApplyResult result = engine.apply(new DesiredState(List.of(), changed, List.of()));

        assertEquals(new ApplyResult(0, 1, 0, 1999, 0, 0, List.of()), result);
        for (RouteRule rule : rules) {
            kernel.simulatePacket("eth0", rule.source().address(), rule.group().address(), 64);
        }
        for (int i = 0; i < 2000; i++) {
            SourceGroup key = new SourceGroup(rules.get(i).source().address(), rules.get(i).group().address());
            assertEquals(2, router.counters(key).packets(), "route " + key + " kept counting across the reload");
        }
        assertEquals(List.of("eth2"), send("eth0", rules.get(1000).source().toString(), "225.1.1.1"));
    }

    @Test
    void idleTemplateRoutesExpireAndBusyOnesStay() {
        engine.apply(routes(RouteRule.of("eth0", null, "225.1.2.0/24", "eth1")));
        send("eth0", "10.0.0.1", "225.1.2.1");
        send("eth0", "10.0.0.2", "225.1.2.2");

        assertEquals(0, engine.sweep(), "the first sweep only takes note of the counters");
        send("eth0", "10.0.0.1", "225.1.2.1");
        assertEquals(1, engine.sweep(), "10.0.0.2 saw no traffic since the last sweep");

        List<InstalledRoute> left = engine.snapshot(false).routes();
        assertEquals(List.of(SourceGroup.parse("10.0.0.1", "225.1.2.1")), left.stream().map(InstalledRoute::key).toList());
    }

    @Test
    void flushRemovesDynamicRoutesOnly() {
        engine.apply(routes(
                RouteRule.of("eth0", null, "225.1.2.0/24", "eth1"),
                RouteRule.of("eth0", "10.0.0.9", "225.9.9.9", "eth1")));
        send("eth0", "10.0.0.1", "225.1.2.1");
        send("eth0", "10.0.0.1", "239.0.0.1");

        assertEquals(2, engine.flush());
        assertEquals(List.of(SourceGroup.parse("10.0.0.9", "225.9.9.9")),
                engine.snapshot(false).routes().stream().map(InstalledRoute::key).toList());
    }

    @Test
    void wrongInterfaceMovesATemplateRouteToWhereTheTrafficReallyArrives() {
        engine.apply(routes(RouteRule.of("eth+", null, "225.1.2.0/24", "eth3")));
        send("eth0", "10.0.0.1", "225.1.2.1");

        send("eth1", "10.0.0.1", "225.1.2.1"); // WRONGVIF: the stream moved to eth1

        InstalledRoute route = engine.snapshot(false).routes().get(0);
        assertEquals("eth1", route.inbound());
        assertEquals(List.of("eth3"), send("eth1", "10.0.0.1", "225.1.2.1"));
        assertEquals(List.of(), send("eth0", "10.0.0.1", "225.1.2.1"));
    }

    @Test
    void phyintThresholdAndDisable() {
        engine.apply(new DesiredState(
                List.of(new PhyintRule(InterfacePattern.of("eth1"), true, false, 10),
                        new PhyintRule(InterfacePattern.of("eth2"), false, false, 1)),
                List.of(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1", "eth2")), List.of()));

        assertEquals(List.of("eth0", "eth1"), vifNames(), "a disabled interface gets no VIF");
        assertEquals(List.of(), send("eth0", "10.0.0.1", "225.1.2.3", 10));
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.3", 11));
    }

    @Test
    void joinsExpandPrefixesAndFollowReload() {
        ApplyResult result = engine.apply(new DesiredState(List.of(), List.of(), List.of(
                JoinRule.of("eth1", null, "225.1.1.0/30"),
                JoinRule.of("eth2", "10.0.0.1", "232.1.1.1"))));

        assertEquals(5, result.joinsAdded());
        assertTrue(router.groups().memberships().contains(
                Membership.sourceSpecific("eth2", InetAddresses.parse("10.0.0.1"), InetAddresses.parse("232.1.1.1"))));

        result = engine.apply(new DesiredState(List.of(), List.of(), List.of(JoinRule.of("eth1", null, "225.1.1.0/31"))));
        assertEquals(0, result.joinsAdded());
        assertEquals(3, result.joinsRemoved());
        assertEquals(2, router.groups().memberships().size());
    }

    @Test
    void ipv6RulesWorkTheSameWay() {
        engine.apply(routes(RouteRule.of("eth0", null, "ff05::/16", "eth1")));
        send("eth0", "2001:db8::1", "ff05::1:3");

        assertEquals(List.of("eth1"), send("eth0", "2001:db8::1", "ff05::1:3"));
        assertTrue(router.vifs().stream().allMatch(v -> v.family() == Family.IPV6));
    }

    @Test
    void aFloodOfNewSendersIsBoundedAndTemplateRoutesStillGetIn() {
        engine.close();
        engine = new Engine(router, EngineOptions.defaults().withExpiryInterval(Duration.ZERO).withDynamicLimit(50));
        engine.apply(routes(RouteRule.of("eth0", null, "225.1.2.0/24", "eth1")));

        for (int i = 1; i <= 200; i++) {
            kernel.simulatePacket("eth0", "10.0." + (i / 250) + "." + (i % 250), "239.9.9.9", 64);
        }
        engine.awaitIdle();
        assertEquals(50, engine.snapshot(false).routes().size(), "stop filters for unmatched senders stop at the limit");

        assertEquals(List.of(), send("eth0", "10.1.0.1", "225.1.2.3"));
        assertEquals(List.of("eth1"), send("eth0", "10.1.0.1", "225.1.2.3"), "a template route evicts a stop filter");
        assertEquals(50, engine.snapshot(false).routes().size());
    }

    @Test
    void routesAddedOneByOneBehaveLikeALoadedConfig() {
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.1", "eth1")));

        ApplyResult quick = engine.addRoute(RouteRule.of("eth0", "10.0.0.2", "225.1.2.2", "eth1"));
        assertEquals(new ApplyResult(1, 0, 0, 1, 0, 0, List.of()), quick, "VIFs exist: only the new route is installed");
        ApplyResult withNewVif = engine.addRoute(RouteRule.of("eth0", "10.0.0.3", "225.1.2.3", "eth2"));
        assertEquals(new ApplyResult(1, 0, 0, 2, 0, 0, List.of()), withNewVif);
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.2", "225.1.2.2"));
        assertEquals(List.of("eth2"), send("eth0", "10.0.0.3", "225.1.2.3"));

        ApplyResult reload = engine.apply(engine.snapshot(false).rules());
        assertEquals(new ApplyResult(0, 0, 0, 3, 0, 0, List.of()), reload, "a reload of the same rules touches nothing");

        engine.removeRoute(RouteRule.of("eth0", "10.0.0.3", "225.1.2.3"));
        assertEquals(List.of("eth0", "eth1"), vifNames(), "eth2's VIF is given back with its last route");
        assertEquals(List.of(), send("eth0", "10.0.0.3", "225.1.2.3"));
    }

    @Test
    void aCallNeverOvertakesAnEventThatReachedTheEngineBeforeIt() {
        engine.apply(routes(RouteRule.of("eth9", "10.0.0.1", "225.1.2.3", "eth1")));
        for (int round = 0; round < 50; round++) {
            kernel.addInterface("eth9");
            assertTrue(engine.snapshot(false).pending().isEmpty(), "round " + round + ": the appearance is seen");
            kernel.removeInterface("eth9");
            assertEquals(1, engine.snapshot(false).pending().size(), "round " + round + ": the removal is seen");
        }
    }

    @Test
    void aListenerMayCallTheEngineFromAnyThread() {
        List<Integer> pendingSeen = new CopyOnWriteArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void pending(PendingItem item) {
                pendingSeen.add(engine.snapshot(false).rules().routes().size());
            }
        });
        engine.apply(routes(RouteRule.of("eth9", "10.0.0.1", "225.1.2.3", "eth1"))); // caller's thread
        kernel.addInterface("eth9");
        kernel.removeInterface("eth9"); // the engine's thread
        engine.awaitIdle();
        assertEquals(List.of(1, 1), pendingSeen);
    }

    @Test
    void routesAddedFromManyThreadsAtOnceAreAllInstalled() throws Exception {
        engine.apply(routes(RouteRule.of("eth0", null, "226.0.0.0/8", "eth2")));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 250; i++) {
                        engine.addRoute(RouteRule.of("eth0", "10.0." + base + "." + (i % 250 + 1), "225.1.2.3", "eth1"));
                        kernel.simulatePacket("eth0", InetAddresses.parse("10.9." + base + "." + (i % 250 + 1)),
                                InetAddresses.parse("226.1.1.1"), 64); // upcalls meanwhile
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        engine.awaitIdle();
        assertEquals(List.of(), failures);
        EngineSnapshot snapshot = engine.snapshot(false);
        assertEquals(1 + 1000, snapshot.rules().routes().size());
        assertEquals(1000 + 1000, snapshot.routes().size(), "every static route and every template route");
        assertEquals(List.of("eth1"), send("eth0", "10.0.3.250", "225.1.2.3"));
    }

    @Test
    void anAddedSourceGroupRuleTakesOverAStopFilter() {
        engine.apply(routes(RouteRule.of("eth0", null, "225.1.2.0/24", "eth1")));
        send("eth0", "10.0.0.1", "239.1.1.1");
        assertTrue(engine.snapshot(false).routes().get(0).isStopFilter());

        engine.addRoute(RouteRule.of("eth0", "10.0.0.1", "239.1.1.1", "eth1"));

        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "239.1.1.1"));
        assertFalse(engine.snapshot(false).routes().get(0).dynamic());
    }

    @Test
    void removingOneRuleTakesOutItsRouteAloneAndKeepsTheSharedVifs() {
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.1", "eth1"),
                RouteRule.of("eth0", "10.0.0.1", "225.1.2.2", "eth1"),
                RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1")));

        ApplyResult result = engine.removeRoute(RouteRule.of("eth0", "10.0.0.1", "225.1.2.2"));

        assertEquals(new ApplyResult(0, 0, 1, 2, 0, 0, List.of()), result);
        assertEquals(List.of("eth0", "eth1"), vifNames());
        assertEquals(List.of(), send("eth0", "10.0.0.1", "225.1.2.2"));
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(2, engine.snapshot(false).rules().routes().size());
    }

    @Test
    void removingTheRuleThatHeldARouteHandsItToTheOtherRuleThatWantedIt() {
        ApplyResult result = engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3", "eth1"),
                RouteRule.of("eth0", "10.0.0.1", "225.1.2.0/30", "eth1", "eth2")));
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.3"), "the first rule written holds it");
        assertEquals(List.of("mroute from eth0 source 10.0.0.1 group 225.1.2.0/30 to eth1 eth2: (10.0.0.1, 225.1.2.3)"
                + " is already routed by mroute from eth0 source 10.0.0.1 group 225.1.2.3 to eth1"), result.problems());

        engine.removeRoute(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3"));

        assertEquals(List.of("eth1", "eth2"), send("eth0", "10.0.0.1", "225.1.2.3"));
    }

    @Test
    void addingARuleThatIsThereAlreadyChangesNothing() {
        engine.apply(routes(RouteRule.of("eth0", "10.0.0.1", "225.1.2.1", "eth1"),
                RouteRule.of("eth0", "10.0.0.1", "225.1.2.2", "eth1")));

        ApplyResult again = engine.addRoute(RouteRule.of("eth0", "10.0.0.1", "225.1.2.2", "eth1"));

        assertEquals(new ApplyResult(0, 0, 0, 2, 0, 0, List.of()), again);
        assertEquals(2, engine.snapshot(false).rules().routes().size());
        assertEquals(List.of("eth1"), send("eth0", "10.0.0.1", "225.1.2.2"));
    }

    @Test
    void removingAnUnknownRuleIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.removeRoute(RouteRule.of("eth0", "10.0.0.1", "225.1.2.3")));
        assertEquals("no such route: mroute from eth0 source 10.0.0.1 group 225.1.2.3", e.getMessage());
        assertFalse(engine.snapshot(false).rules().routes().iterator().hasNext());
    }
}
