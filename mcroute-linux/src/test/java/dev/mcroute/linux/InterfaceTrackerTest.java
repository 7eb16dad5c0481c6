package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceEvent.Kind;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.NetInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracker that turns rtnetlink messages (and resynchronizing dumps) into interface events. */
class InterfaceTrackerTest {
    private static final InterfaceAddress A = new InterfaceAddress(InetAddresses.parse("10.0.0.1"), 24);
    private static final NetInterface ETH0 = new NetInterface("eth0", 2, Set.of(InterfaceFlag.UP), List.of(A));
    private static final NetInterface ETH1 = new NetInterface("eth1", 3, Set.of(), List.of());

    private final InterfaceTracker tracker = new InterfaceTracker();
    private final List<InterfaceEvent> events = new ArrayList<>();

    @Test
    void linkAndAddressMessagesBecomeAddedChangedAndRemovedEvents() {
        tracker.apply(new Rtnetlink.Link(false, 2, "eth0", NetlinkAbi.IFF_UP), events::add);
        tracker.apply(new Rtnetlink.Link(false, 2, "eth0", NetlinkAbi.IFF_UP), events::add); // nothing new
        tracker.apply(new Rtnetlink.Address(false, 2, A), events::add);
        tracker.apply(new Rtnetlink.Address(false, 2, A), events::add); // already there
        tracker.apply(new Rtnetlink.Address(false, 9, A), events::add); // unknown link
        tracker.apply(new Rtnetlink.Link(false, 2, "eth0", NetlinkAbi.IFF_UP | NetlinkAbi.IFF_RUNNING), events::add);
        tracker.apply(new Rtnetlink.Address(true, 2, A), events::add);
        tracker.apply(new Rtnetlink.Link(true, 2, "eth0", 0), events::add);
        tracker.apply(new Rtnetlink.Link(true, 2, "eth0", 0), events::add); // already gone

        NetInterface bare = new NetInterface("eth0", 2, Set.of(InterfaceFlag.UP), List.of());
        NetInterface running = new NetInterface("eth0", 2, Set.of(InterfaceFlag.UP, InterfaceFlag.RUNNING), List.of(A));
        NetInterface runningBare = new NetInterface("eth0", 2, Set.of(InterfaceFlag.UP, InterfaceFlag.RUNNING), List.of());
        assertEquals(List.of(
                new InterfaceEvent(Kind.ADDED, bare),
                new InterfaceEvent(Kind.CHANGED, ETH0),
                new InterfaceEvent(Kind.CHANGED, running),
                new InterfaceEvent(Kind.CHANGED, runningBare),
                new InterfaceEvent(Kind.REMOVED, runningBare)), events);
    }

    @Test
    void aResyncAfterLostMessagesReportsEveryDifference() {
        tracker.resync(List.of(ETH0, ETH1), e -> { });
        NetInterface eth0Down = new NetInterface("eth0", 2, Set.of(), List.of(A));
        NetInterface eth2 = new NetInterface("eth2", 4, Set.of(), List.of());
        tracker.resync(List.of(eth0Down, eth2), events::add);
        assertEquals(List.of(
                new InterfaceEvent(Kind.REMOVED, ETH1),
                new InterfaceEvent(Kind.CHANGED, eth0Down),
                new InterfaceEvent(Kind.ADDED, eth2)), events);
    }
}
