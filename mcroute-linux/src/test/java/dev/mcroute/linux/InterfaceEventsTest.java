package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.Subscription;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.NetNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interface enumeration and rtnetlink events, in a namespace of the test's own. */
class InterfaceEventsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private NetNamespace ns;
    private MulticastRouter router;

    @BeforeEach
    void open() throws Exception {
        KernelTestPreconditions.require();
        ns = NetNamespace.create("mcl-ev");
        router = ns.call(() -> MulticastRouters.open(RouterOptions.defaults().withProvider("linux")));
    }

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void enumerationListsTheNamespacesInterfacesWithFlagsAndAddresses() {
        ns.ip("link", "add", "en0", "type", "veth", "peer", "name", "en1");
        ns.ip("link", "set", "en0", "up");
        ns.ip("addr", "add", "10.72.0.1/24", "dev", "en0");
        ns.ip("-6", "addr", "add", "fd72::1/64", "dev", "en0", "nodad");
        ns.ip("link", "add", "en2", "type", "veth", "peer", "name", "en3");
        ns.ip("link", "set", "en2", "up");
        ns.ip("link", "set", "en3", "up");
        ns.ip("tuntap", "add", "dev", "tun0", "mode", "tun");
        ns.ip("addr", "add", "10.72.9.1", "peer", "10.72.9.2/32", "dev", "tun0");

        List<NetInterface> interfaces = router.interfaces();
        assertEquals(Set.of("lo", "en0", "en1", "en2", "en3", "tun0"), interfaces.stream().map(NetInterface::name).collect(Collectors.toSet()));
        assertEquals(interfaces.stream().sorted(Comparator.comparingInt(NetInterface::index)).toList(), interfaces);
        NetInterface lo = router.findInterface("lo").orElseThrow();
        assertEquals(1, lo.index());
        assertTrue(lo.has(InterfaceFlag.LOOPBACK) && lo.has(InterfaceFlag.UP), lo.toString());
        assertTrue(lo.addresses().contains(address("127.0.0.1", 8)), lo.toString());
        assertTrue(lo.addresses().contains(address("::1", 128)), lo.toString());
        NetInterface en0 = router.findInterface("en0").orElseThrow();
        assertTrue(en0.has(InterfaceFlag.UP) && en0.has(InterfaceFlag.MULTICAST), en0.toString());
        assertFalse(en0.has(InterfaceFlag.LOOPBACK), en0.toString());
        assertEquals(address("10.72.0.1", 24), en0.firstAddress(Family.IPV4).orElseThrow());
        assertTrue(en0.addresses().contains(address("fd72::1", 64)), en0.toString());
        assertFalse(router.findInterface("en1").orElseThrow().has(InterfaceFlag.UP));
        // a veth is RUNNING (has carrier) only when both ends are up
        assertFalse(en0.has(InterfaceFlag.RUNNING), en0.toString());
        assertTrue(router.findInterface("en2").orElseThrow().has(InterfaceFlag.RUNNING));
        NetInterface tun = router.findInterface("tun0").orElseThrow();
        assertTrue(tun.has(InterfaceFlag.POINTOPOINT) && !tun.has(InterfaceFlag.UP), tun.toString());
        // on a point-to-point link the interface's own address is the local one, not the peer
        assertEquals(List.of(address("10.72.9.1", 32)), tun.addresses());
    }

    @Test
    void aVethThatAppearsComesUpGainsAddressesAndDisappearsIsReported() throws Exception {
        Recorder events = new Recorder();
        Subscription subscription = router.onInterfaceEvent(events::add);

        events.change(() -> ns.ip("link", "add", "ev0", "type", "veth", "peer", "name", "ev1"));
        NetInterface added = events.await(InterfaceEvent.Kind.ADDED, "ev0", i -> true);
        assertTrue(added.has(InterfaceFlag.MULTICAST) && !added.has(InterfaceFlag.UP), added.toString());
        events.await(InterfaceEvent.Kind.ADDED, "ev1", i -> true);

        events.change(() -> ns.ip("link", "set", "ev0", "up"));
        events.await(InterfaceEvent.Kind.CHANGED, "ev0", i -> i.has(InterfaceFlag.UP));

        events.change(() -> ns.ip("addr", "add", "10.72.1.1/24", "dev", "ev0"));
        events.await(InterfaceEvent.Kind.CHANGED, "ev0", i -> i.addresses().contains(address("10.72.1.1", 24)));
        events.change(() -> ns.ip("-6", "addr", "add", "fd72:1::1/64", "dev", "ev0", "nodad"));
        NetInterface withBoth = events.await(InterfaceEvent.Kind.CHANGED, "ev0",
                i -> i.addresses().contains(address("fd72:1::1", 64)));
        assertTrue(withBoth.addresses().contains(address("10.72.1.1", 24)), withBoth.toString());

        events.change(() -> ns.ip("addr", "del", "10.72.1.1/24", "dev", "ev0"));
        events.await(InterfaceEvent.Kind.CHANGED, "ev0", i -> !i.addresses().contains(address("10.72.1.1", 24)));

        events.change(() -> ns.ip("link", "del", "ev0"));
        NetInterface removed = events.await(InterfaceEvent.Kind.REMOVED, "ev0", i -> true);
        assertEquals(added.index(), removed.index());
        events.await(InterfaceEvent.Kind.REMOVED, "ev1", i -> true);

        subscription.close();
        events.change(() -> ns.ip("link", "add", "ev2", "type", "veth", "peer", "name", "ev3"));
        assertEquals(null, events.queue.poll(500, TimeUnit.MILLISECONDS), "a closed subscription still receives events");
    }

    @Test
    void aPortLeavingABridgeIsNotReportedAsRemoved() throws Exception {
        List<InterfaceEvent> all = new CopyOnWriteArrayList<>();
        router.onInterfaceEvent(all::add);
        Recorder events = new Recorder();
        router.onInterfaceEvent(events::add);
        ns.ip("link", "add", "br0", "type", "bridge");
        ns.ip("link", "add", "bp0", "type", "veth", "peer", "name", "bp1");
        ns.ip("link", "set", "bp0", "master", "br0");
        ns.ip("link", "set", "bp0", "nomaster");
        ns.ip("link", "del", "bp0");
        // events come in kernel order: once the marker is reported, everything before it has been
        events.change(() -> ns.ip("link", "add", "mk0", "type", "bridge"));
        events.await(InterfaceEvent.Kind.ADDED, "mk0", i -> true);
        assertEquals(1, all.stream().filter(e -> e.kind() == InterfaceEvent.Kind.REMOVED
                && e.iface().name().equals("bp0")).count(), all.toString());
    }

    @Test
    void linksWhoseNamesTheApiCannotCarryAreLeftOutAndEventsGoOn() throws Exception {
        // the kernel takes names with bytes the API refuses: DEL here, or any above it
        String odd = "od\u007f";
        router.close();
        ns.ip("link", "add", odd + "0", "type", "veth", "peer", "name", "od0");
        router = ns.call(() -> MulticastRouters.open(RouterOptions.defaults().withProvider("linux")));
        assertEquals(Set.of("lo", "od0"), names(router.interfaces()));

        Recorder events = new Recorder();
        router.onInterfaceEvent(events::add);
        events.change(() -> ns.ip("link", "add", odd + "1", "type", "veth", "peer", "name", "od1"));
        events.await(InterfaceEvent.Kind.ADDED, "od1", i -> true);
        events.change(() -> ns.ip("link", "set", "od1", "name", odd + "2"));
        events.await(InterfaceEvent.Kind.REMOVED, "od1", i -> true);
        // the event thread goes on
        events.change(() -> ns.ip("link", "add", "od3", "type", "veth", "peer", "name", "od4"));
        events.await(InterfaceEvent.Kind.ADDED, "od4", i -> true);
        assertEquals(Set.of("lo", "od0", "od3", "od4"), names(router.interfaces()));
    }

    private static Set<String> names(List<NetInterface> interfaces) {
        return interfaces.stream().map(NetInterface::name).collect(Collectors.toSet());
    }

    private static InterfaceAddress address(String address, int prefix) {
        return new InterfaceAddress(InetAddresses.parse(address), prefix);
    }

    /** Events as they arrive; each wait looks at the events since the last change the test made. */
    private static final class Recorder {
        final BlockingQueue<InterfaceEvent> queue = new LinkedBlockingQueue<>();
        private final List<InterfaceEvent> sinceChange = new ArrayList<>();

        void add(InterfaceEvent event) {
            queue.add(event);
        }

        void change(Runnable action) {
            sinceChange.clear();
            queue.drainTo(sinceChange);
            sinceChange.clear();
            action.run();
        }

        /** Waits for an event of that kind about that interface that satisfies the condition. */
        NetInterface await(InterfaceEvent.Kind kind, String name, Predicate<NetInterface> condition)
                throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            for (int seen = 0; ; seen++) {
                while (seen >= sinceChange.size()) {
                    InterfaceEvent event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (event == null) {
                        return fail("no " + kind + " event for " + name + " within " + PATIENCE + "; got " + sinceChange);
                    }
                    sinceChange.add(event);
                }
                InterfaceEvent event = sinceChange.get(seen);
                if (event.kind() == kind && event.iface().name().equals(name) && condition.test(event.iface())) {
                    return event.iface();
                }
            }
        }
    }
}
