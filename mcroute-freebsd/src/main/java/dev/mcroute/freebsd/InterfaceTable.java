package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.IFF_LOOPBACK;
import static dev.mcroute.freebsd.FreeBsdAbi.IFF_MULTICAST;
import static dev.mcroute.freebsd.FreeBsdAbi.IFF_POINTOPOINT;
import static dev.mcroute.freebsd.FreeBsdAbi.IFF_RUNNING;
import static dev.mcroute.freebsd.FreeBsdAbi.IFF_UP;

import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.NetInterface;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The interfaces as last reported, kept current by routing socket messages, each of which it turns
 * into the {@link InterfaceEvent} it means. Not thread-safe: the router guards it.
 */
final class InterfaceTable {
    private final Map<Integer, NetInterface> byIndex = new TreeMap<>();
    private final Supplier<List<NetInterface>> lister;

    /**
     * @param lister lists the interfaces afresh (getifaddrs), for what a message alone does not tell
     */
    InterfaceTable(Supplier<List<NetInterface>> lister) {
        this.lister = lister;
        refresh();
    }

    /**
     * @param iff IFF_ flags
     * @return the ones the API knows
     */
    static Set<InterfaceFlag> flags(int iff) {
        Set<InterfaceFlag> flags = EnumSet.noneOf(InterfaceFlag.class);
        if ((iff & IFF_UP) != 0) {
            flags.add(InterfaceFlag.UP);
        }
        if ((iff & IFF_RUNNING) != 0) {
            flags.add(InterfaceFlag.RUNNING);
        }
        if ((iff & IFF_MULTICAST) != 0) {
            flags.add(InterfaceFlag.MULTICAST);
        }
        if ((iff & IFF_LOOPBACK) != 0) {
            flags.add(InterfaceFlag.LOOPBACK);
        }
        if ((iff & IFF_POINTOPOINT) != 0) {
            flags.add(InterfaceFlag.POINTOPOINT);
        }
        return flags;
    }

    /** @return the interfaces, by index */
    List<NetInterface> snapshot() {
        return List.copyOf(byIndex.values());
    }

    /**
     * @param name an interface name
     * @return that interface, listing afresh when it is not known yet
     */
    Optional<NetInterface> byName(String name) {
        Optional<NetInterface> known = find(name);
        if (known.isPresent()) {
            return known;
        }
        refresh();
        return find(name);
    }

    private Optional<NetInterface> find(String name) {
        return byIndex.values().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    private void refresh() {
        byIndex.clear();
        for (NetInterface iface : lister.get()) {
            byIndex.put(iface.index(), iface);
        }
    }

    /**
     * Applies a message.
     *
     * @param message what the routing socket said
     * @return the event it means, or empty when nothing visible changed
     */
    Optional<InterfaceEvent> apply(RoutingMessage message) {
        NetInterface known = byIndex.get(message.index());
        if (message instanceof RoutingMessage.InterfaceAnnounce announce) {
            return announce.arrival() ? arrived(announce, known) : departed(announce, known);
        }
        if (known == null) {
            return appeared(message.index());
        }
        NetInterface changed;
        if (message instanceof RoutingMessage.InterfaceInfo info) {
            changed = new NetInterface(known.name(), known.index(), flags(info.flags()), known.addresses());
        } else {
            RoutingMessage.AddressChange change = (RoutingMessage.AddressChange) message;
            List<InterfaceAddress> addresses = new ArrayList<>(known.addresses());
            addresses.removeIf(a -> a.address().equals(change.address().address()));
            if (change.added()) {
                addresses.add(change.address());
            }
            changed = new NetInterface(known.name(), known.index(), known.flags(), addresses);
        }
        if (changed.equals(known)) {
            return Optional.empty();
        }
        byIndex.put(changed.index(), changed);
        return Optional.of(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, changed));
    }

    private Optional<InterfaceEvent> arrived(RoutingMessage.InterfaceAnnounce announce, NetInterface known) {
        if (known != null && known.name().equals(announce.name())) {
            return Optional.empty();
        }
        refresh();
        NetInterface iface = byIndex.computeIfAbsent(announce.index(),
                index -> new NetInterface(announce.name(), index, Set.of(), List.of()));
        return Optional.of(new InterfaceEvent(InterfaceEvent.Kind.ADDED, iface));
    }

    private Optional<InterfaceEvent> departed(RoutingMessage.InterfaceAnnounce announce, NetInterface known) {
        byIndex.remove(announce.index());
        NetInterface gone = known != null ? known : new NetInterface(announce.name(), announce.index(), Set.of(), List.of());
        return Optional.of(new InterfaceEvent(InterfaceEvent.Kind.REMOVED, gone));
    }

    /** A message about an index not seen yet: the interface came before its announcement was read. */
    private Optional<InterfaceEvent> appeared(int index) {
        refresh();
        NetInterface iface = byIndex.get(index);
        return iface == null ? Optional.empty() : Optional.of(new InterfaceEvent(InterfaceEvent.Kind.ADDED, iface));
    }
}
