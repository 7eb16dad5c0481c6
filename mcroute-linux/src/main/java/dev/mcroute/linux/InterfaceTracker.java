package dev.mcroute.linux;

import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.NetInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns rtnetlink link and address messages into {@link InterfaceEvent}s by keeping the last known
 * state of every interface. Used by the event thread only.
 */
final class InterfaceTracker {
    private final Map<Integer, NetInterface> known = new TreeMap<>();

    /**
     * Replaces the known state with a dump and reports the differences.
     *
     * @param now  the interfaces as a dump lists them
     * @param sink receives one event per interface that differs
     */
    void resync(List<NetInterface> now, Consumer<InterfaceEvent> sink) {
        Map<Integer, NetInterface> next = new TreeMap<>();
        now.forEach(i -> next.put(i.index(), i));
        for (NetInterface old : known.values()) {
            if (!next.containsKey(old.index())) {
                sink.accept(new InterfaceEvent(InterfaceEvent.Kind.REMOVED, old));
            }
        }
        for (NetInterface current : next.values()) {
            NetInterface old = known.get(current.index());
            if (old == null) {
                sink.accept(new InterfaceEvent(InterfaceEvent.Kind.ADDED, current));
            } else if (!old.equals(current)) {
                sink.accept(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, current));
            }
        }
        known.clear();
        known.putAll(next);
    }

    /**
     * @param message a {@link Rtnetlink.Link} or {@link Rtnetlink.Address}
     * @param sink    receives the event it causes, if anything changed
     */
    void apply(Object message, Consumer<InterfaceEvent> sink) {
        if (message instanceof Rtnetlink.Link link) {
            applyLink(link, sink);
        } else if (message instanceof Rtnetlink.Address address) {
            applyAddress(address, sink);
        }
    }

    private void applyLink(Rtnetlink.Link link, Consumer<InterfaceEvent> sink) {
        NetInterface old = known.get(link.index());
        Optional<NetInterface> now = link.removed() ? Optional.empty()
                : Rtnetlink.toInterface(link, old == null ? List.of() : old.addresses());
        if (now.isEmpty()) { // gone, or renamed to a name the API cannot carry
            if (old != null) {
                known.remove(link.index());
                sink.accept(new InterfaceEvent(InterfaceEvent.Kind.REMOVED, old));
            }
            return;
        }
        NetInterface current = now.get();
        if (Objects.equals(old, current)) {
            return; // RTM_NEWLINK also reports statistics and other attributes the API does not carry
        }
        known.put(link.index(), current);
        sink.accept(new InterfaceEvent(old == null ? InterfaceEvent.Kind.ADDED : InterfaceEvent.Kind.CHANGED, current));
    }

    private void applyAddress(Rtnetlink.Address message, Consumer<InterfaceEvent> sink) {
        NetInterface old = known.get(message.index());
        if (old == null) {
            return; // its link message comes first; an address of an unknown link is stale
        }
        List<InterfaceAddress> addresses = new ArrayList<>(old.addresses());
        boolean changed = message.removed() ? addresses.remove(message.address())
                : !addresses.contains(message.address()) && addresses.add(message.address());
        if (changed) {
            NetInterface current = new NetInterface(old.name(), old.index(), old.flags(), addresses);
            known.put(current.index(), current);
            sink.accept(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, current));
        }
    }
}
