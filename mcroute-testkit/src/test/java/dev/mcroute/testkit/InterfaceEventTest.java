package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceEvent.Kind;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouterOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class InterfaceEventTest {

    @Test
    void aNewKernelHasOnlyLoopbackDownAtIndexOne(MockKernel kernel) {
        assertEquals(List.of(new NetInterface("lo", 1, Set.of(InterfaceFlag.LOOPBACK), List.of())), kernel.interfaces());
    }

    @Test
    void addUpDownAddressAndRemoveRaiseEventsInOrder(MockKernel kernel) {
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            List<InterfaceEvent> events = new ArrayList<>();
            router.onInterfaceEvent(events::add);

            NetInterface added = kernel.addInterface("veth0", EnumSet.of(InterfaceFlag.MULTICAST), List.of());
            NetInterface up = kernel.setUp("veth0");
            kernel.setUp("veth0"); // no change, no event
            NetInterface addressed = kernel.addAddress("veth0", "10.0.1.1/24");
            NetInterface down = kernel.setDown("veth0");
            kernel.removeInterface("veth0");

            assertEquals(2, added.index());
            assertEquals(Set.of(InterfaceFlag.UP, InterfaceFlag.RUNNING, InterfaceFlag.MULTICAST), up.flags());
            assertEquals(List.of(new InterfaceAddress(InetAddresses.parse("10.0.1.1"), 24)), addressed.addresses());
            assertEquals(Set.of(InterfaceFlag.MULTICAST), down.flags());
            assertEquals(List.of(
                    new InterfaceEvent(Kind.ADDED, added),
                    new InterfaceEvent(Kind.CHANGED, up),
                    new InterfaceEvent(Kind.CHANGED, addressed),
                    new InterfaceEvent(Kind.CHANGED, down),
                    new InterfaceEvent(Kind.REMOVED, down)), events);
            assertEquals(List.of("lo"), router.interfaces().stream().map(NetInterface::name).toList());
        }
    }

    @Test
    void indexesIncreaseAndAreNotReused(MockKernel kernel) {
        assertEquals(2, kernel.addInterface("eth0").index());
        kernel.removeInterface("eth0");
        assertEquals(3, kernel.addInterface("eth0").index());
        assertEquals(4, kernel.addInterface("eth1").index());
    }

    @Test
    void everyRouterSeesEveryChange(MockKernel kernel) {
        try (MulticastRouter table0 = kernel.openRouter(RouterOptions.defaults());
             MulticastRouter table5 = kernel.openRouter(RouterOptions.defaults().withTable(5))) {
            List<String> seen = new ArrayList<>();
            table0.onInterfaceEvent(e -> seen.add("0:" + e.kind() + ":" + e.iface().name()));
            table5.onInterfaceEvent(e -> seen.add("5:" + e.kind() + ":" + e.iface().name()));

            kernel.addInterface("eth0");

            assertEquals(List.of("0:ADDED:eth0", "5:ADDED:eth0"), seen);
        }
    }

    @Test
    void eventsRaisedInsideAListenerFollowItInsteadOfNestingInIt(MockKernel kernel) {
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            List<String> calls = new ArrayList<>();
            router.onInterfaceEvent(e -> {
                calls.add("begin " + e.kind() + " " + e.iface().name());
                if (e.kind() == Kind.ADDED && e.iface().name().equals("eth0")) {
                    kernel.addInterface("eth1");
                }
                calls.add("end " + e.kind() + " " + e.iface().name());
            });

            kernel.addInterface("eth0");

            assertEquals(List.of("begin ADDED eth0", "end ADDED eth0", "begin ADDED eth1", "end ADDED eth1"), calls);
        }
    }

    @Test
    void aFailingListenerFailsTheCallerAfterTheOthersRan(MockKernel kernel) {
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            IllegalStateException bug = new IllegalStateException("listener bug");
            List<InterfaceEvent> others = new ArrayList<>();
            router.onInterfaceEvent(e -> {
                throw bug;
            });
            router.onInterfaceEvent(others::add);

            assertSame(bug, assertThrows(IllegalStateException.class, () -> kernel.addInterface("eth0")));
            assertEquals(1, others.size());
        }
    }

    @Test
    void misuseOfTheKernelIsAnIllegalArgument(MockKernel kernel) {
        kernel.addInterface("eth0");

        assertThrows(IllegalArgumentException.class, () -> kernel.addInterface("eth0"));
        assertThrows(IllegalArgumentException.class, () -> kernel.setUp("eth9"));
        assertThrows(IllegalArgumentException.class, () -> kernel.simulatePacket("eth9", "10.0.0.1", "225.1.1.1", 64));
        assertThrows(IllegalArgumentException.class, () -> kernel.simulatePacket("eth0", "10.0.0.1", "225.1.1.1", 256));
        assertThrows(IllegalArgumentException.class, () -> kernel.addAddress("eth0", "10.0.0.1"));
    }
}
