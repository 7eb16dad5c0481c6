package dev.mcroute.testkit;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A simulated Linux kernel for unit tests of multicast routing code: network interfaces the test
 * adds, changes and removes, multicast routing tables owned by {@link MulticastRouter}s, and
 * packets the test sends through them with {@link #simulatePacket}.
 *
 * <p>It answers like Linux: one owner per table and family ({@code MRT_INIT} fails with
 * EADDRINUSE), {@value dev.mcroute.api.Vif#MAX_VIFS} VIFs per family and table (ENFILE when full),
 * the kernel's errno for each refused call, route and VIF counters as the kernel keeps them, and
 * NOCACHE / WRONGVIF upcalls. Where the mock differs on purpose, the method says so.
 *
 * <p><b>Events.</b> Interface events and upcalls are delivered synchronously on the thread that
 * called the kernel method that raised them, one listener call at a time and in the order raised,
 * before that method returns (on a thread that is itself inside a listener: right after that
 * listener returns). So a test needs no waiting: after {@code simulatePacket} returns, the
 * router's upcall listeners have run. This departs from real providers, which call listeners on a
 * thread of their own. An exception thrown by a listener is rethrown from the kernel method, after
 * the other listeners ran.
 *
 * <p><b>Threads.</b> All methods are thread-safe; one lock guards the whole kernel.
 *
 * <p>A new kernel is like a new network namespace: it has only {@code lo} (index 1, down).
 */
public final class MockKernel {
    private static final AtomicReference<MockKernel> DEFAULT = new AtomicReference<>(new MockKernel());

    /** Default packet length for {@link #simulatePacket(String, InetAddress, InetAddress, int)}. */
    public static final int DEFAULT_PACKET_SIZE = 100;

    /** Guards all state of this kernel, its routers and their memberships. */
    final Object lock = new Object();
    private final EventDispatcher dispatcher = new EventDispatcher();
    private final Map<String, NetInterface> interfaces = new LinkedHashMap<>();
    private final Map<TableKey, MockRouter> owners = new HashMap<>();
    private final Set<MockRouter> routers = new LinkedHashSet<>();
    private final Map<String, Integer> tableRules = new HashMap<>();
    private int nextIndex = 1;

    /** A kernel with only the loopback interface {@code lo}, down, as in a new network namespace. */
    public MockKernel() {
        addInterface("lo", EnumSet.of(InterfaceFlag.LOOPBACK), List.of());
    }

    /**
     * @return the kernel behind routers opened through {@link MockProvider}, i.e. through
     *         {@code MulticastRouters.open(...)}; {@link MockKernelExtension} replaces it per test
     */
    public static MockKernel defaultKernel() {
        return DEFAULT.get();
    }

    /** @return the previous default kernel */
    static MockKernel replaceDefault(MockKernel kernel) {
        return DEFAULT.getAndSet(Objects.requireNonNull(kernel, "kernel"));
    }

    /**
     * Opens a router on this kernel, like {@code MRT_INIT} (after {@code MRT_TABLE}) on a new socket
     * per family. The provider named in the options is ignored.
     *
     * @param options the table and families
     * @return the router, owning that table for those families until closed
     * @throws dev.mcroute.api.MulticastRouterException with EADDRINUSE if another open router owns the
     *                                                  table for one of the families
     */
    public MulticastRouter openRouter(RouterOptions options) {
        Objects.requireNonNull(options, "options");
        synchronized (lock) {
            for (Family family : options.families()) {
                if (owners.containsKey(new TableKey(family, options.table()))) {
                    throw Errno.EADDRINUSE.exception(MrtCalls.of(family).init, "table " + options.table(),
                            "another router owns this table");
                }
            }
            MockRouter router = new MockRouter(this, options.table(), options.families());
            options.families().forEach(family -> owners.put(new TableKey(family, options.table()), router));
            routers.add(router);
            return router;
        }
    }

    /** @return the routers of this kernel that are not closed yet, in the order they were opened */
    public List<MulticastRouter> openRouters() {
        synchronized (lock) {
            return List.copyOf(routers);
        }
    }

    /**
     * Adds an interface that is up, running and multicast-capable, without addresses.
     *
     * @param name its name
     * @return the interface, with the next free index
     */
    public NetInterface addInterface(String name) {
        return addInterface(name, EnumSet.of(InterfaceFlag.UP, InterfaceFlag.RUNNING, InterfaceFlag.MULTICAST),
                List.of());
    }

    /**
     * Adds an interface and raises {@link InterfaceEvent.Kind#ADDED}.
     *
     * @param name      its name
     * @param flags     its flags
     * @param addresses its addresses
     * @return the interface, with the next free index (indexes are never reused, as in Linux)
     * @throws IllegalArgumentException if an interface of that name exists
     */
    public NetInterface addInterface(String name, Set<InterfaceFlag> flags, List<InterfaceAddress> addresses) {
        NetInterface added;
        synchronized (lock) {
            if (interfaces.containsKey(name)) {
                throw new IllegalArgumentException("interface " + name + " exists already");
            }
            added = new NetInterface(name, nextIndex, flags, addresses);
            nextIndex++;
            interfaces.put(name, added);
            raise(new InterfaceEvent(InterfaceEvent.Kind.ADDED, added));
        }
        dispatcher.deliverPending();
        return added;
    }

    /**
     * Sets an interface administratively up with carrier (UP and RUNNING); raises
     * {@link InterfaceEvent.Kind#CHANGED} unless it was up already.
     *
     * @param name the interface
     * @return the interface as it is now
     */
    public NetInterface setUp(String name) {
        return change(name, current -> {
            Set<InterfaceFlag> flags = EnumSet.of(InterfaceFlag.UP, InterfaceFlag.RUNNING);
            flags.addAll(current.flags());
            return withFlags(current, flags);
        });
    }

    /**
     * Sets an interface down (clears UP and RUNNING); raises {@link InterfaceEvent.Kind#CHANGED}
     * unless it was down already. Packets no longer arrive on it or leave through it; its VIFs stay.
     *
     * @param name the interface
     * @return the interface as it is now
     */
    public NetInterface setDown(String name) {
        return change(name, current -> {
            Set<InterfaceFlag> flags = current.flags().isEmpty() ? EnumSet.noneOf(InterfaceFlag.class)
                    : EnumSet.copyOf(current.flags());
            flags.remove(InterfaceFlag.UP);
            flags.remove(InterfaceFlag.RUNNING);
            return withFlags(current, flags);
        });
    }

    /**
     * Adds an address and raises {@link InterfaceEvent.Kind#CHANGED}.
     *
     * @param name    the interface
     * @param address the address
     * @return the interface as it is now
     */
    public NetInterface addAddress(String name, InterfaceAddress address) {
        Objects.requireNonNull(address, "address");
        return change(name, current -> {
            List<InterfaceAddress> addresses = new ArrayList<>(current.addresses());
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
            return new NetInterface(current.name(), current.index(), current.flags(), addresses);
        });
    }

    /**
     * @param name          the interface
     * @param addressPrefix an address with its prefix length, e.g. {@code 10.0.1.1/24}
     * @return the interface as it is now
     * @see #addAddress(String, InterfaceAddress)
     */
    public NetInterface addAddress(String name, String addressPrefix) {
        int slash = addressPrefix.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("address " + addressPrefix + " lacks a /prefix length");
        }
        return addAddress(name, new InterfaceAddress(InetAddresses.parse(addressPrefix.substring(0, slash)),
                Integer.parseInt(addressPrefix.substring(slash + 1))));
    }

    /**
     * Removes an address and raises {@link InterfaceEvent.Kind#CHANGED} if it was there.
     *
     * @param name    the interface
     * @param address the address
     * @return the interface as it is now
     */
    public NetInterface removeAddress(String name, InterfaceAddress address) {
        return change(name, current -> {
            List<InterfaceAddress> addresses = new ArrayList<>(current.addresses());
            addresses.remove(address);
            return new NetInterface(current.name(), current.index(), current.flags(), addresses);
        });
    }

    /**
     * Removes an interface and raises {@link InterfaceEvent.Kind#REMOVED}. As in Linux, its VIFs
     * disappear from every table (routes through them stay but stop forwarding there) and its group
     * memberships end; a {@link #routeInterfaceToTable rule} for it is dropped.
     *
     * @param name the interface
     * @throws IllegalArgumentException if there is no such interface
     */
    public void removeInterface(String name) {
        synchronized (lock) {
            NetInterface removed = existing(name);
            interfaces.remove(name);
            tableRules.remove(name);
            for (MockRouter router : routers) {
                for (Family family : Family.values()) {
                    MfcTable mfc = router.tableOrNull(family);
                    if (mfc != null) {
                        mfc.removeVifsOn(name);
                    }
                }
                router.membership().dropInterface(name);
            }
            raise(new InterfaceEvent(InterfaceEvent.Kind.REMOVED, removed));
        }
        dispatcher.deliverPending();
    }

    /** @return the interfaces, by index */
    public List<NetInterface> interfaces() {
        synchronized (lock) {
            return List.copyOf(interfaces.values());
        }
    }

    /**
     * @param name an interface name
     * @return that interface, if it exists
     */
    public Optional<NetInterface> findInterface(String name) {
        synchronized (lock) {
            return Optional.ofNullable(interfaces.get(name));
        }
    }

    /**
     * Routes packets arriving on an interface by another table than 0, like
     * {@code ip mrule add iif NAME lookup TABLE}. Without a rule, packets are looked up in table 0.
     *
     * @param interfaceName the arrival interface
     * @param table         the table that routes its packets
     */
    public void routeInterfaceToTable(String interfaceName, int table) {
        if (table < 0) {
            throw new IllegalArgumentException("table " + table + " is negative");
        }
        synchronized (lock) {
            existing(interfaceName);
            tableRules.put(interfaceName, table);
        }
    }

    /**
     * Sends a packet of {@value #DEFAULT_PACKET_SIZE} bytes into the kernel.
     *
     * @param interfaceName where it arrives
     * @param source        its sender, e.g. {@code 10.0.1.2}
     * @param group         its group, e.g. {@code 225.1.2.3}
     * @param ttl           its TTL (IPv6: hop limit), 0 to 255
     * @return what the kernel did with it
     * @see #simulatePacket(String, SourceGroup, int, int)
     */
    public Forwarding simulatePacket(String interfaceName, String source, String group, int ttl) {
        return simulatePacket(interfaceName, SourceGroup.parse(source, group), ttl, DEFAULT_PACKET_SIZE);
    }

    /**
     * Sends a packet of {@value #DEFAULT_PACKET_SIZE} bytes into the kernel.
     *
     * @param interfaceName where it arrives
     * @param source        its sender
     * @param group         its group
     * @param ttl           its TTL (IPv6: hop limit), 0 to 255
     * @return what the kernel did with it
     * @see #simulatePacket(String, SourceGroup, int, int)
     */
    public Forwarding simulatePacket(String interfaceName, InetAddress source, InetAddress group, int ttl) {
        return simulatePacket(interfaceName, new SourceGroup(source, group), ttl, DEFAULT_PACKET_SIZE);
    }

    /**
     * Sends a packet into the kernel, which handles it as Linux's multicast forwarding does.
     *
     * <p>The packet is looked up in table 0 (or the table of a {@link #routeInterfaceToTable rule})
     * of its family. It is not routed at all when its interface is down or has no VIF in that
     * table, no router owns the table, or its group is link-local. Otherwise, with a route for its
     * (S,G) arriving on the route's input VIF, it leaves on each output whose TTL threshold its TTL
     * exceeds and whose interface is up; an output through a register VIF raises WHOLEPKT instead.
     * Counters are kept as in Linux: the route counts every packet of its (S,G), also those on the
     * wrong interface, which also count as wrong-interface; the input VIF counts packets in, each
     * output VIF packets out.
     *
     * <p>Upcalls: NOCACHE (the arrival VIF, source, group) for every packet without a route, and
     * WRONGVIF for every packet of a route that arrives on another interface that has a VIF. Linux
     * raises NOCACHE once per (S,G) while it holds up to a few unresolved packets for about 10
     * seconds (and forwards them when the route is added; the mock drops them), and WRONGVIF only
     * with {@code MRT_ASSERT} on, at most every few seconds per route, and (without PIM) only when
     * the arrival VIF is one of the route's outputs; the mock reports each packet so that tests need
     * no clock.
     *
     * @param interfaceName where it arrives
     * @param key           its source and group
     * @param ttl           its TTL (IPv6: hop limit), 0 to 255
     * @param size          its length in bytes, IP header included, as the counters count it
     * @return what the kernel did with it; upcalls are delivered before this returns
     * @throws IllegalArgumentException for an unknown interface, a TTL out of range or a size below 1
     */
    public Forwarding simulatePacket(String interfaceName, SourceGroup key, int ttl, int size) {
        Objects.requireNonNull(key, "key");
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("TTL " + ttl + " out of range 0-255");
        }
        if (size < 1) {
            throw new IllegalArgumentException("packet size " + size + " is not positive");
        }
        Forwarding forwarding;
        synchronized (lock) {
            NetInterface arrival = existing(interfaceName);
            MockRouter owner = owners.get(new TableKey(key.family(), tableRules.getOrDefault(interfaceName, 0)));
            if (!arrival.has(InterfaceFlag.UP) || isLinkLocal(key.group()) || owner == null) {
                return Forwarding.notRouted();
            }
            forwarding = owner.tableOrNull(key.family()).forward(interfaceName, key, ttl, size, this::isUp);
            for (Upcall upcall : forwarding.upcalls()) {
                dispatcher.post(owner.upcallListeners(), upcall);
            }
        }
        dispatcher.deliverPending();
        return forwarding;
    }

    /**
     * @param interfaceName an interface
     * @return the groups joined on it by any router, as the kernel lists them (each once, in the
     *         order joined)
     */
    public List<Membership> memberships(String interfaceName) {
        synchronized (lock) {
            Set<Membership> all = new LinkedHashSet<>();
            routers.forEach(router -> all.addAll(router.membership().membershipsOn(interfaceName)));
            return List.copyOf(all);
        }
    }

    /**
     * @return how many sockets the open routers hold for group memberships; an IPv4 socket holds at
     *         most 20 groups, so 45 IPv4 joins take 3 sockets
     */
    public int membershipSockets() {
        synchronized (lock) {
            return routers.stream().mapToInt(router -> router.membership().socketCount()).sum();
        }
    }

    /** Called by a router that closes, under the lock: frees its tables. */
    void released(MockRouter router) {
        routers.remove(router);
        owners.values().removeIf(owner -> owner == router);
    }

    private NetInterface change(String name, UnaryOperator<NetInterface> update) {
        synchronized (lock) {
            NetInterface current = existing(name);
            NetInterface changed = update.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            interfaces.put(name, changed);
            raise(new InterfaceEvent(InterfaceEvent.Kind.CHANGED, changed));
        }
        dispatcher.deliverPending();
        return findInterface(name).orElseThrow();
    }

    /** Posts an interface event to every router, as every netlink listener sees every change. */
    private void raise(InterfaceEvent event) {
        for (MockRouter router : routers) {
            dispatcher.post(router.interfaceListeners(), event);
        }
    }

    private NetInterface existing(String name) {
        NetInterface iface = interfaces.get(name);
        if (iface == null) {
            throw new IllegalArgumentException("no interface " + name + " in this mock kernel; have "
                    + String.join(", ", interfaces.keySet()));
        }
        return iface;
    }

    private boolean isUp(String name) {
        NetInterface iface = interfaces.get(name);
        return iface != null && iface.has(InterfaceFlag.UP);
    }

    private static NetInterface withFlags(NetInterface current, Set<InterfaceFlag> flags) {
        return new NetInterface(current.name(), current.index(), flags, current.addresses());
    }

    /** Linux never hands 224.0.0.0/24, nor IPv6 interface- and link-local scopes, to multicast routing. */
    private static boolean isLinkLocal(InetAddress group) {
        byte[] bytes = group.getAddress();
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) == 224 && bytes[1] == 0 && bytes[2] == 0;
        }
        int scope = bytes[1] & 0x0f;
        return scope <= 2;
    }

    private record TableKey(Family family, int table) {
    }
}
