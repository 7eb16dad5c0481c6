package dev.mcroute.spi;

import dev.mcroute.api.Family;
import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Subscription;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifSpec;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The router a test provider opens: it remembers who opened it with which options, which is all
 * provider selection tests look at, and answers fixed VIF and interface lists for the interface's
 * default methods. Routing calls are outside its job and fail loudly.
 */
public final class FakeRouter implements MulticastRouter {
    private final String providerName;
    private final RouterOptions options;
    private final List<Vif> vifs;
    private final List<NetInterface> interfaces;

    /**
     * @param providerName the name of the provider that opened it
     * @param options      the options it was opened with
     * @param vifs         what {@link #vifs()} answers
     * @param interfaces   what {@link #interfaces()} answers
     */
    public FakeRouter(String providerName, RouterOptions options, List<Vif> vifs, List<NetInterface> interfaces) {
        this.providerName = providerName;
        this.options = options;
        this.vifs = List.copyOf(vifs);
        this.interfaces = List.copyOf(interfaces);
    }

    /** @return the options the provider was asked to open with */
    public RouterOptions options() {
        return options;
    }

    @Override
    public String providerName() {
        return providerName;
    }

    @Override
    public int table() {
        return options.table();
    }

    @Override
    public Set<Family> families() {
        return options.families();
    }

    @Override
    public Vif addVif(VifSpec spec) {
        throw outsideItsJob();
    }

    @Override
    public void removeVif(Vif vif) {
        throw outsideItsJob();
    }

    @Override
    public List<Vif> vifs() {
        return vifs;
    }

    @Override
    public void addRoute(MfcEntry entry) {
        throw outsideItsJob();
    }

    @Override
    public boolean removeRoute(SourceGroup key) {
        throw outsideItsJob();
    }

    @Override
    public List<MfcEntry> routes() {
        return List.of();
    }

    @Override
    public RouteCounters counters(SourceGroup key) {
        throw outsideItsJob();
    }

    @Override
    public VifCounters counters(Vif vif) {
        throw outsideItsJob();
    }

    @Override
    public Subscription onUpcall(Consumer<Upcall> listener) {
        throw outsideItsJob();
    }

    @Override
    public List<NetInterface> interfaces() {
        return interfaces;
    }

    @Override
    public Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener) {
        throw outsideItsJob();
    }

    @Override
    public GroupMembership groups() {
        throw outsideItsJob();
    }

    @Override
    public void close() {
        // holds nothing
    }

    private static UnsupportedOperationException outsideItsJob() {
        return new UnsupportedOperationException("a provider selection fake does not route");
    }
}
