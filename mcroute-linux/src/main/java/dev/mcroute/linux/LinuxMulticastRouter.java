package dev.mcroute.linux;

import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Subscription;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A router on one Linux multicast routing table, for one or both families, in the network
 * namespace of the thread that opened it: every socket (routing, rtnetlink, group joins) is
 * created there, and interface names are resolved only through its own rtnetlink socket.
 *
 * <p>Thread-safe: state changes are serialized on this object. Listeners run on the router's
 * thread and may call the router (but not {@link #close()}).
 */
final class LinuxMulticastRouter implements MulticastRouter {
    private final int table;
    private final Set<Family> families;
    private final Map<Family, MrouteSocket> sockets;
    private final Rtnetlink dumps;
    private final Rtnetlink events;
    private final EventLoop loop;
    private final JoinSockets groups;
    private final Map<Family, Vif[]> vifs = new EnumMap<>(Family.class);
    private final Map<SourceGroup, MfcEntry> routes = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LinuxMulticastRouter(RouterOptions options, Map<Family, MrouteSocket> sockets, Rtnetlink dumps,
                                 Rtnetlink events, EventLoop loop) {
        this.table = options.table();
        this.families = options.families();
        this.sockets = sockets;
        this.dumps = dumps;
        this.events = events;
        this.loop = loop;
        this.groups = new JoinSockets(loop, this::interfaceIndex);
        families.forEach(f -> vifs.put(f, new Vif[Vif.MAX_VIFS]));
    }

    /**
     * Opens every socket in the calling thread's network namespace and takes the table.
     *
     * @param options table and families
     * @return the router
     */
    static LinuxMulticastRouter open(RouterOptions options) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Rtnetlink dumps = remember(opened, Rtnetlink.openForDumps());
            Rtnetlink events = remember(opened, Rtnetlink.openForEvents());
            Map<Family, MrouteSocket> sockets = new EnumMap<>(Family.class);
            for (Family family : options.families()) {
                sockets.put(family, remember(opened, MrouteSocket.open(family, options.table())));
            }
            EventLoop loop = new EventLoop("mcroute-linux table " + options.table(),
                    new ArrayList<>(sockets.values()), events, dumps);
            return new LinuxMulticastRouter(options, sockets, dumps, events, loop);
        } catch (RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public String providerName() {
        return LinuxMulticastRouterProvider.NAME;
    }

    @Override
    public int table() {
        return table;
    }

    @Override
    public Set<Family> families() {
        return families;
    }

    @Override
    public synchronized Vif addVif(VifSpec spec) {
        MrouteSocket socket = socket(spec.family(), spec.family() == Family.IPV4 ? "MRT_ADD_VIF" : "MRT6_ADD_MIF",
                () -> spec.family() + " VIF on " + spec.interfaceName());
        if (spec.flags().contains(VifFlag.REGISTER)) {
            throw vifSpecError(spec, "REGISTER VIFs (PIM) are not supported by this provider", 0);
        }
        int interfaceIndex = interfaceIndex(spec.interfaceName());
        if (spec.family() == Family.IPV6 && interfaceIndex > MrouteAbi.MIF6CTL_MAX_PIFI) {
            // mif6ctl's field has 16 bits: the kernel would bind whatever interface the rest names
            throw vifSpecError(spec, "its interface index " + interfaceIndex + " is above "
                    + MrouteAbi.MIF6CTL_MAX_PIFI + ", the most a MIF can name", 0);
        }
        Vif[] slots = vifs.get(spec.family());
        int free = -1;
        for (int i = slots.length - 1; i >= 0; i--) {
            if (slots[i] == null) {
                free = i;
            } else if (slots[i].interfaceName().equals(spec.interfaceName())) {
                throw vifSpecError(spec, "the interface already has VIF " + i, Errno.EEXIST);
            }
        }
        if (free < 0) {
            throw vifSpecError(spec, "all " + Vif.MAX_VIFS + " VIF slots are taken", Errno.ENFILE);
        }
        socket.addVif(free, interfaceIndex, spec.ttlThreshold(), spec.interfaceName());
        slots[free] = Vif.of(spec, free, interfaceIndex);
        return slots[free];
    }

    private MulticastRouterException vifSpecError(VifSpec spec, String reason, int errno) {
        String call = spec.family() == Family.IPV4 ? "MRT_ADD_VIF" : "MRT6_ADD_MIF";
        String subject = spec.family() + " VIF on " + spec.interfaceName() + " on table " + table;
        return errno == 0 ? new MulticastRouterException(call, subject, reason) : Errno.exception(call, subject, errno, reason);
    }

    @Override
    public synchronized void removeVif(Vif vif) {
        String call = vif.family() == Family.IPV4 ? "MRT_DEL_VIF" : "MRT6_DEL_MIF";
        MrouteSocket socket = socket(vif.family(), call, () -> vifName(vif));
        if (!isInstalled(vif)) {
            throw Errno.exception(call, vifName(vif) + " on table " + table, Errno.ENOENT,
                    "no such VIF is installed by this router");
        }
        socket.removeVif(vif.index(), vif.interfaceName());
        vifs.get(vif.family())[vif.index()] = null;
    }

    private boolean isInstalled(Vif vif) {
        Vif installed = vifs.get(vif.family())[vif.index()];
        return installed != null && installed.interfaceName().equals(vif.interfaceName());
    }

    private static String vifName(Vif vif) {
        return vif.family() + " VIF " + vif.index() + " on " + vif.interfaceName();
    }

    @Override
    public synchronized List<Vif> vifs() {
        List<Vif> result = new ArrayList<>();
        for (Family family : Family.values()) {
            Vif[] slots = vifs.get(family);
            if (slots != null) {
                for (Vif vif : slots) {
                    if (vif != null) {
                        result.add(vif);
                    }
                }
            }
        }
        return result;
    }

    @Override
    public synchronized void addRoute(MfcEntry entry) {
        String call = entry.family() == Family.IPV4 ? "MRT_ADD_MFC" : "MRT6_ADD_MFC";
        MrouteSocket socket = socket(entry.family(), call, entry.key()::toString);
        Vif[] slots = vifs.get(entry.family());
        if (slots[entry.inputVif()] == null) {
            throw Errno.exception(call, entry.key() + " on table " + table, Errno.ENODEV,
                    "input VIF " + entry.inputVif() + " does not exist");
        }
        for (MfcEntry.Output out : entry.outputs()) {
            if (slots[out.vif()] == null) {
                throw Errno.exception(call, entry.key() + " on table " + table, Errno.ENODEV,
                        "output VIF " + out.vif() + " does not exist");
            }
        }
        socket.addRoute(entry);
        routes.put(entry.key(), entry);
    }

    @Override
    public synchronized boolean removeRoute(SourceGroup key) {
        MrouteSocket socket = socket(key.family(), key.family() == Family.IPV4 ? "MRT_DEL_MFC" : "MRT6_DEL_MFC",
                key::toString);
        if (!routes.containsKey(key)) {
            return false;
        }
        try {
            socket.removeRoute(key);
        } catch (MulticastRouterException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
        return routes.remove(key) != null;
    }

    @Override
    public synchronized List<MfcEntry> routes() {
        List<MfcEntry> result = new ArrayList<>(routes.size());
        for (Family family : Family.values()) {
            routes.values().stream().filter(r -> r.family() == family).forEach(result::add);
        }
        return result;
    }

    @Override
    public synchronized RouteCounters counters(SourceGroup key) {
        String call = key.family() == Family.IPV4 ? "SIOCGETSGCNT" : "SIOCGETSGCNT_IN6";
        MrouteSocket socket = socket(key.family(), call, key::toString);
        if (!routes.containsKey(key)) {
            throw Errno.exception(call, key + " on table " + table, Errno.ENOENT,
                    "no such route is installed by this router");
        }
        return socket.counters(key);
    }

    @Override
    public synchronized VifCounters counters(Vif vif) {
        String call = vif.family() == Family.IPV4 ? "SIOCGETVIFCNT" : "SIOCGETMIFCNT_IN6";
        MrouteSocket socket = socket(vif.family(), call, () -> vifName(vif));
        if (!isInstalled(vif)) {
            throw Errno.exception(call, vifName(vif) + " on table " + table, Errno.ENOENT,
                    "no such VIF is installed by this router");
        }
        return socket.counters(vif.index());
    }

    /**
     * The socket of a family this router routes, after checking that the router is open.
     *
     * @param subject what the call is about, built only for the error message
     */
    private MrouteSocket socket(Family family, String call, Supplier<String> subject) {
        MrouteSocket socket = sockets.get(family);
        if (closed.get() || socket == null) {
            throw new MulticastRouterException(call, subject.get() + " on table " + table,
                    closed.get() ? "the router is closed" : "the router was opened without " + family);
        }
        return socket;
    }

    @Override
    public Subscription onUpcall(Consumer<Upcall> listener) {
        return loop.onUpcall(listener);
    }

    @Override
    public List<NetInterface> interfaces() {
        return dumps.interfaces();
    }

    @Override
    public Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener) {
        return loop.onInterfaceEvent(listener);
    }

    @Override
    public GroupMembership groups() {
        return groups;
    }

    /** @return the index of the named interface in the router's network namespace */
    private int interfaceIndex(String name) {
        int index = dumps.indexOf(name);
        if (index == 0) {
            throw Errno.exception("RTM_GETLINK", "interface " + name, Errno.ENODEV,
                    "no such interface in the router's network namespace");
        }
        return index;
    }

    /**
     * Stops the thread first without holding the lock (a listener may be waiting for it), then gives
     * up the tables: the kernel removes every VIF and route of a table whose socket says DONE/closes.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.close();
        synchronized (this) {
            groups.close();
            sockets.values().forEach(MrouteSocket::close);
            events.close();
            dumps.close();
            routes.clear();
            vifs.values().forEach(slots -> Arrays.fill(slots, null));
        }
    }
}
