package dev.mcroute.testkit;

import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Subscription;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A router on a {@link MockKernel}: owns one table of the kernel for the families it was opened for.
 * Every method takes the kernel's lock, so routers are as thread-safe as the kernel.
 */
final class MockRouter implements MulticastRouter {
    private final MockKernel kernel;
    private final int table;
    private final Set<Family> families;
    private final Map<Family, MfcTable> tables = new EnumMap<>(Family.class);
    private final MockGroupMembership groups;
    private final List<Consumer<Upcall>> upcallListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<InterfaceEvent>> interfaceListeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    MockRouter(MockKernel kernel, int table, Set<Family> families) {
        this.kernel = kernel;
        this.table = table;
        this.families = Set.copyOf(families);
        families.forEach(family -> tables.put(family, new MfcTable(family, table)));
        this.groups = new MockGroupMembership(kernel, this);
    }

    @Override
    public String providerName() {
        return MockProvider.NAME;
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
    public Vif addVif(VifSpec spec) {
        synchronized (kernel.lock) {
            MfcTable mfc = table(spec.family(), MrtCalls.of(spec.family()).addVif);
            if (spec.flags().contains(VifFlag.REGISTER)) {
                return mfc.addVif(spec, null);
            }
            NetInterface iface = kernel.findInterface(spec.interfaceName()).orElseThrow(() ->
                    // what a provider reports when if_nametoindex(3) fails, before the kernel sees the call
                    Errno.ENODEV.exception(MrtCalls.of(spec.family()).addVif, spec.interfaceName() + " on table " + table,
                            "no interface " + spec.interfaceName()));
            return mfc.addVif(spec, iface);
        }
    }

    @Override
    public void removeVif(Vif vif) {
        synchronized (kernel.lock) {
            table(vif.family(), MrtCalls.of(vif.family()).delVif).removeVif(vif);
        }
    }

    @Override
    public List<Vif> vifs() {
        synchronized (kernel.lock) {
            ensureOpen("vifs");
            List<Vif> all = new ArrayList<>();
            tables.values().forEach(mfc -> all.addAll(mfc.vifs()));
            return all;
        }
    }

    @Override
    public void addRoute(MfcEntry entry) {
        synchronized (kernel.lock) {
            table(entry.family(), MrtCalls.of(entry.family()).addMfc).addRoute(entry);
        }
    }

    @Override
    public boolean removeRoute(SourceGroup key) {
        synchronized (kernel.lock) {
            return table(key.family(), MrtCalls.of(key.family()).delMfc).removeRoute(key);
        }
    }

    @Override
    public List<MfcEntry> routes() {
        synchronized (kernel.lock) {
            ensureOpen("routes");
            List<MfcEntry> all = new ArrayList<>();
            tables.values().forEach(mfc -> all.addAll(mfc.routes()));
            return all;
        }
    }

    @Override
    public RouteCounters counters(SourceGroup key) {
        synchronized (kernel.lock) {
            return table(key.family(), MrtCalls.of(key.family()).routeCounters).counters(key);
        }
    }

    @Override
    public VifCounters counters(Vif vif) {
        synchronized (kernel.lock) {
            return table(vif.family(), MrtCalls.of(vif.family()).vifCounters).counters(vif);
        }
    }

    @Override
    public Subscription onUpcall(Consumer<Upcall> listener) {
        return subscribe(upcallListeners, listener);
    }

    @Override
    public List<NetInterface> interfaces() {
        synchronized (kernel.lock) {
            ensureOpen("interfaces");
            return kernel.interfaces();
        }
    }

    @Override
    public Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener) {
        return subscribe(interfaceListeners, listener);
    }

    @Override
    public GroupMembership groups() {
        return groups;
    }

    @Override
    public void close() {
        synchronized (kernel.lock) {
            if (closed) {
                return;
            }
            closed = true;
            tables.clear();
            groups.closeAll();
            upcallListeners.clear();
            interfaceListeners.clear();
            kernel.released(this);
        }
    }

    @Override
    public String toString() {
        return "mock router on table " + table + " " + families;
    }

    /** @return the table half of that family, or null when not opened for it; under the kernel lock */
    MfcTable tableOrNull(Family family) {
        return tables.get(family);
    }

    MockGroupMembership membership() {
        return groups;
    }

    /** @return the live upcall listeners, for the kernel's dispatcher */
    List<Consumer<Upcall>> upcallListeners() {
        return upcallListeners;
    }

    /** @return the live interface listeners, for the kernel's dispatcher */
    List<Consumer<InterfaceEvent>> interfaceListeners() {
        return interfaceListeners;
    }

    /** Fails the way a call on a closed socket does. */
    void ensureOpen(String operation) {
        if (closed) {
            throw Errno.EBADF.exception(operation, "table " + table, "the router is closed");
        }
    }

    private MfcTable table(Family family, String operation) {
        ensureOpen(operation);
        MfcTable mfc = tables.get(family);
        if (mfc == null) {
            throw new MulticastRouterException(operation, "table " + table,
                    "this router was opened for " + families + " only, not " + family);
        }
        return mfc;
    }

    private <T> Subscription subscribe(List<Consumer<T>> listeners, Consumer<T> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<T> registration = listener::accept; // its own identity, so closing twice removes only it
        synchronized (kernel.lock) {
            ensureOpen("subscribe");
            listeners.add(registration);
        }
        return () -> listeners.remove(registration);
    }
}
