package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET6;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_ROUTE;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_UNSPEC;
import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_ICMPV6;
import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_IGMP;
import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_IP;
import static dev.mcroute.freebsd.FreeBsdAbi.IPPROTO_IPV6;
import static dev.mcroute.freebsd.FreeBsdAbi.MIFF_REGISTER;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_ADD_MFC;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_ADD_MIF;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_DEL_MFC;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_DEL_MIF;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_DONE;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_INIT;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6_PIM;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_ADD_MFC;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_ADD_VIF;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_ASSERT;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_DEL_MFC;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_DEL_VIF;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_DONE;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT_INIT;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOCGETMIFCNT_IN6;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOCGETSGCNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOCGETSGCNT_IN6;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOCGETVIFCNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SOCK_RAW;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFF_REGISTER;

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
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link MulticastRouter} on FreeBSD's multicast routing: a raw IGMP socket for IPv4, a raw
 * ICMPv6 socket for IPv6 (each the kernel's one multicast router socket once MRT_INIT /
 * MRT6_INIT succeeded) and a PF_ROUTE socket for interface events. One thread of its own reads
 * them and calls the listeners.
 */
final class FreeBsdRouter implements MulticastRouter {
    private static final System.Logger LOG = System.getLogger(FreeBsdRouter.class.getName());
    private static final String TABLE = " on table 0";
    /** Large enough for any upcall, routing message or IGMP/ICMPv6 packet the sockets deliver. */
    private static final int READ_BUFFER = 65536;
    private static final int POLL_MILLIS = 250;

    private final FreeBsdNative libc;
    private final KernelCalls kernel;
    private final Set<Family> families;
    private final Map<Family, Integer> sockets;
    private final int routeSocket;
    private final Object lock = new Object();
    private final Map<Family, Vif[]> vifs = new EnumMap<>(Family.class);
    private final Map<SourceGroup, MfcEntry> routes = new LinkedHashMap<>();
    private final InterfaceTable interfaces;
    private final FreeBsdGroups groups;
    private final List<Consumer<Upcall>> upcallListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<InterfaceEvent>> interfaceListeners = new CopyOnWriteArrayList<>();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    private volatile boolean closed;
    private Thread reader;

    private FreeBsdRouter(FreeBsdNative libc, Set<Family> families, Map<Family, Integer> sockets, int routeSocket) {
        this.libc = libc;
        this.kernel = new KernelCalls(libc);
        this.families = Set.copyOf(families);
        this.sockets = sockets;
        this.routeSocket = routeSocket;
        for (Family family : Family.values()) {
            vifs.put(family, new Vif[Vif.MAX_VIFS]);
        }
        this.interfaces = new InterfaceTable(kernel::interfaces);
        this.groups = new FreeBsdGroups(kernel, f -> sockets.getOrDefault(f, -1), this::findInterfaceLocked);
    }

    /**
     * Opens the sockets and becomes the multicast router of the families asked for. Reading
     * upcalls and events starts with {@link #startReader()}.
     *
     * @param libc    the system calls
     * @param options table 0 and the families
     * @return the router
     * @throws MulticastRouterException for another table, or when the kernel refuses
     */
    static FreeBsdRouter open(FreeBsdNative libc, RouterOptions options) {
        requireTableZero(options);
        KernelCalls kernel = new KernelCalls(libc);
        Map<Family, Integer> sockets = new EnumMap<>(Family.class);
        List<Integer> opened = new ArrayList<>();
        try {
            if (options.routes(Family.IPV4)) {
                int fd = kernel.socket(AF_INET, SOCK_RAW, IPPROTO_IGMP, "IPv4 multicast routing socket");
                sockets.put(Family.IPV4, fd);
                opened.add(fd);
                kernel.setsockopt(fd, IPPROTO_IP, MRT_INIT, "MRT_INIT", "IPv4" + TABLE, CStructs.cInt(1));
                kernel.setsockopt(fd, IPPROTO_IP, MRT_ASSERT, "MRT_ASSERT", "IPv4" + TABLE, CStructs.cInt(1));
            }
            if (options.routes(Family.IPV6)) {
                int fd = kernel.socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, "IPv6 multicast routing socket");
                sockets.put(Family.IPV6, fd);
                opened.add(fd);
                kernel.setsockopt(fd, IPPROTO_IPV6, MRT6_INIT, "MRT6_INIT", "IPv6" + TABLE, CStructs.cInt(1));
                kernel.setsockopt(fd, IPPROTO_IPV6, MRT6_PIM, "MRT6_PIM", "IPv6" + TABLE, CStructs.cInt(1));
            }
            int routeSocket = kernel.socket(AF_ROUTE, SOCK_RAW, AF_UNSPEC, "routing socket");
            opened.add(routeSocket);
            return new FreeBsdRouter(libc, options.families(), sockets, routeSocket);
        } catch (RuntimeException e) {
            opened.forEach(fd -> closeQuietly(libc, fd));
            throw e;
        }
    }

    /**
     * FreeBSD has no multicast routing tables besides the one of the system (or VNET jail).
     *
     * @param options the options
     * @throws MulticastRouterException naming the table, unless it is 0
     */
    static void requireTableZero(RouterOptions options) {
        if (options.table() != 0) {
            throw new MulticastRouterException("open", "table " + options.table(),
                    "FreeBSD has a single multicast routing table per system (or per VNET jail); only table 0 exists");
        }
    }

    /** Starts the thread that reads upcalls and interface events and calls the listeners. */
    void startReader() {
        Thread thread = new Thread(this::readUntilClosed, "mcroute-freebsd-events");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private void readUntilClosed() {
        while (!closed) {
            try {
                readOnce(POLL_MILLIS);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "reading multicast routing sockets failed", e);
                }
            }
        }
    }

    /**
     * Waits for the sockets, reads what is there and calls the listeners: one round of the reader.
     *
     * @param timeoutMillis how long to wait for something to read
     */
    void readOnce(int timeoutMillis) {
        int[] fds = {sockets.getOrDefault(Family.IPV4, -1), sockets.getOrDefault(Family.IPV6, -1), routeSocket};
        boolean[] readable = libc.pollReadable(fds, timeoutMillis);
        if (readable[0]) {
            int n = libc.read(fds[0], readBuffer);
            UpcallParser.igmpmsg(readBuffer, n).ifPresent(u -> deliver(upcallListeners, u));
        }
        if (readable[1]) {
            int n = libc.read(fds[1], readBuffer);
            UpcallParser.mrt6msg(readBuffer, n).ifPresent(u -> deliver(upcallListeners, u));
        }
        if (readable[2]) {
            int n = libc.read(fds[2], readBuffer);
            List<InterfaceEvent> events = new ArrayList<>();
            synchronized (lock) {
                for (RoutingMessage message : RoutingMessages.parse(readBuffer, n)) {
                    interfaces.apply(message).ifPresent(events::add);
                }
            }
            events.forEach(e -> deliver(interfaceListeners, e));
        }
    }

    private static <T> void deliver(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener failed on " + value, e);
            }
        }
    }

    @Override
    public String providerName() {
        return FreeBsdProvider.NAME;
    }

    @Override
    public int table() {
        return 0;
    }

    @Override
    public Set<Family> families() {
        return families;
    }

    @Override
    public Vif addVif(VifSpec spec) {
        Family family = spec.family();
        String option = family == Family.IPV4 ? "MRT_ADD_VIF" : "MRT6_ADD_MIF";
        synchronized (lock) {
            int fd = socket(family, option, "on " + spec.interfaceName());
            Vif[] slots = vifs.get(family);
            boolean register = spec.flags().contains(VifFlag.REGISTER);
            for (Vif vif : slots) {
                if (vif != null && vif.interfaceName().equals(spec.interfaceName())) {
                    throw new MulticastRouterException(option, "on " + spec.interfaceName() + TABLE,
                            "the interface already has " + family + " VIF " + vif.index());
                }
            }
            int slot = freeSlot(slots, option, spec);
            String subject = "VIF " + slot + " on " + spec.interfaceName() + TABLE;
            Vif vif;
            if (family == Family.IPV4) {
                Inet4Address local = null;
                int ifindex = 0;
                if (!register) {
                    NetInterface iface = requireInterface(option, spec.interfaceName());
                    local = (Inet4Address) iface.firstAddress(Family.IPV4).orElseThrow(() ->
                            new MulticastRouterException(option, "on " + spec.interfaceName() + TABLE,
                                    "the interface has no IPv4 address; FreeBSD binds a VIF to the interface's local address"))
                            .address();
                    ifindex = iface.index();
                }
                kernel.setsockopt(fd, IPPROTO_IP, MRT_ADD_VIF, option, subject,
                        Ipv4Structs.vifctl(slot, register ? VIFF_REGISTER : 0, spec.ttlThreshold(), local));
                vif = Vif.of(spec, slot, ifindex);
            } else {
                int ifindex = register ? 0 : requireInterface(option, spec.interfaceName()).index();
                kernel.setsockopt(fd, IPPROTO_IPV6, MRT6_ADD_MIF, option, subject,
                        Ipv6Structs.mif6ctl(slot, register ? MIFF_REGISTER : 0, ifindex));
                vif = Vif.of(spec, slot, ifindex);
            }
            slots[slot] = vif;
            return vif;
        }
    }

    private static int freeSlot(Vif[] slots, String option, VifSpec spec) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        throw new MulticastRouterException(option, "on " + spec.interfaceName() + TABLE,
                "all " + Vif.MAX_VIFS + " " + spec.family() + " VIF slots are taken");
    }

    private NetInterface requireInterface(String option, String name) {
        return interfaces.byName(name).orElseThrow(() ->
                new MulticastRouterException(option, "on " + name + TABLE, "no such interface"));
    }

    private Optional<NetInterface> findInterfaceLocked(String name) {
        synchronized (lock) {
            return interfaces.byName(name);
        }
    }

    private int socket(Family family, String operation, String subject) {
        Integer fd = sockets.get(family);
        if (fd == null) {
            throw new MulticastRouterException(operation, subject, "the router was not opened for " + family);
        }
        if (closed) {
            throw new MulticastRouterException(operation, subject, "the router is closed");
        }
        return fd;
    }

    @Override
    public void removeVif(Vif vif) {
        boolean ipv4 = vif.family() == Family.IPV4;
        String option = ipv4 ? "MRT_DEL_VIF" : "MRT6_DEL_MIF";
        String subject = "VIF " + vif.index() + " on " + vif.interfaceName() + TABLE;
        synchronized (lock) {
            int fd = socket(vif.family(), option, subject);
            Vif[] slots = vifs.get(vif.family());
            if (!vif.equals(slots[vif.index()])) {
                throw new MulticastRouterException(option, subject, "no such VIF");
            }
            kernel.setsockopt(fd, ipv4 ? IPPROTO_IP : IPPROTO_IPV6, ipv4 ? MRT_DEL_VIF : MRT6_DEL_MIF,
                    option, subject, CStructs.uShort(vif.index()));
            slots[vif.index()] = null;
        }
    }

    @Override
    public List<Vif> vifs() {
        synchronized (lock) {
            List<Vif> all = new ArrayList<>();
            for (Family family : Family.values()) {
                for (Vif vif : vifs.get(family)) {
                    if (vif != null) {
                        all.add(vif);
                    }
                }
            }
            return List.copyOf(all);
        }
    }

    @Override
    public void addRoute(MfcEntry entry) {
        boolean ipv4 = entry.family() == Family.IPV4;
        String option = ipv4 ? "MRT_ADD_MFC" : "MRT6_ADD_MFC";
        String subject = entry.key() + TABLE;
        synchronized (lock) {
            int fd = socket(entry.family(), option, subject);
            if (ipv4) {
                kernel.setsockopt(fd, IPPROTO_IP, MRT_ADD_MFC, option, subject, Ipv4Structs.mfcctl(entry));
            } else {
                kernel.setsockopt(fd, IPPROTO_IPV6, MRT6_ADD_MFC, option, subject, Ipv6Structs.mf6cctl(entry));
            }
            routes.put(entry.key(), entry);
        }
    }

    @Override
    public boolean removeRoute(SourceGroup key) {
        boolean ipv4 = key.family() == Family.IPV4;
        String option = ipv4 ? "MRT_DEL_MFC" : "MRT6_DEL_MFC";
        String subject = key + TABLE;
        synchronized (lock) {
            int fd = socket(key.family(), option, subject);
            if (!routes.containsKey(key)) {
                return false;
            }
            if (ipv4) {
                kernel.setsockopt(fd, IPPROTO_IP, MRT_DEL_MFC, option, subject, Ipv4Structs.mfcctlKey(key));
            } else {
                kernel.setsockopt(fd, IPPROTO_IPV6, MRT6_DEL_MFC, option, subject, Ipv6Structs.mf6cctlKey(key));
            }
            routes.remove(key);
            return true;
        }
    }

    @Override
    public List<MfcEntry> routes() {
        synchronized (lock) {
            List<MfcEntry> all = new ArrayList<>(routes.values());
            all.sort(Comparator.comparing(MfcEntry::family));
            return List.copyOf(all);
        }
    }

    @Override
    public RouteCounters counters(SourceGroup key) {
        boolean ipv4 = key.family() == Family.IPV4;
        String request = ipv4 ? "SIOCGETSGCNT" : "SIOCGETSGCNT_IN6";
        String subject = key + TABLE;
        synchronized (lock) {
            int fd = socket(key.family(), request, subject);
            if (!routes.containsKey(key)) {
                throw new MulticastRouterException(request, subject, "no such route installed");
            }
            return ipv4
                    ? Ipv4Structs.sgCounters(kernel.ioctl(fd, SIOCGETSGCNT, request, subject, Ipv4Structs.sgRequest(key)))
                    : Ipv6Structs.sgCounters(kernel.ioctl(fd, SIOCGETSGCNT_IN6, request, subject, Ipv6Structs.sgRequest(key)));
        }
    }

    @Override
    public VifCounters counters(Vif vif) {
        boolean ipv4 = vif.family() == Family.IPV4;
        String request = ipv4 ? "SIOCGETVIFCNT" : "SIOCGETMIFCNT_IN6";
        String subject = "VIF " + vif.index() + " on " + vif.interfaceName() + TABLE;
        synchronized (lock) {
            int fd = socket(vif.family(), request, subject);
            if (!vif.equals(vifs.get(vif.family())[vif.index()])) {
                throw new MulticastRouterException(request, subject, "no such VIF");
            }
            return ipv4
                    ? Ipv4Structs.vifCounters(kernel.ioctl(fd, SIOCGETVIFCNT, request, subject, Ipv4Structs.vifRequest(vif.index())))
                    : Ipv6Structs.mifCounters(kernel.ioctl(fd, SIOCGETMIFCNT_IN6, request, subject, Ipv6Structs.mifRequest(vif.index())));
        }
    }

    @Override
    public Subscription onUpcall(Consumer<Upcall> listener) {
        upcallListeners.add(listener);
        return () -> upcallListeners.remove(listener);
    }

    @Override
    public List<NetInterface> interfaces() {
        synchronized (lock) {
            return interfaces.snapshot();
        }
    }

    @Override
    public Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener) {
        interfaceListeners.add(listener);
        return () -> interfaceListeners.remove(listener);
    }

    @Override
    public GroupMembership groups() {
        return groups;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Thread thread = reader;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            // MRT_DONE removes every VIF and route; closing the sockets drops the memberships
            Integer fd4 = sockets.get(Family.IPV4);
            if (fd4 != null) {
                doneQuietly(fd4, IPPROTO_IP, MRT_DONE);
                closeQuietly(libc, fd4);
            }
            Integer fd6 = sockets.get(Family.IPV6);
            if (fd6 != null) {
                doneQuietly(fd6, IPPROTO_IPV6, MRT6_DONE);
                closeQuietly(libc, fd6);
            }
            closeQuietly(libc, routeSocket);
            vifs.values().forEach(slots -> java.util.Arrays.fill(slots, null));
            routes.clear();
        }
    }

    private void doneQuietly(int fd, int level, int option) {
        try {
            libc.setsockopt(fd, level, option, new byte[0]);
        } catch (ErrnoException e) {
            LOG.log(System.Logger.Level.DEBUG, "MRT_DONE failed; closing the socket does the same", e);
        }
    }

    private static void closeQuietly(FreeBsdNative libc, int fd) {
        try {
            libc.close(fd);
        } catch (ErrnoException e) {
            LOG.log(System.Logger.Level.DEBUG, "close(" + fd + ") failed", e);
        }
    }
}
