package dev.mcroute.engine;

import dev.mcroute.api.Membership;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.Vif;
import java.util.List;

/**
 * A consistent picture of the engine at one moment: enough to print every {@code show} of
 * smcroutectl.
 *
 * @param rules       the desired state, including changes made at run time
 * @param routes      the kernel routes the engine installed, static ones first, each in install order
 * @param memberships the group memberships in effect
 * @param pending     the rules waiting for interfaces
 * @param interfaces  the interfaces that exist, by index
 * @param vifs        the VIFs the engine allocated, IPv4 first, each family by index
 */
public record EngineSnapshot(DesiredState rules, List<InstalledRoute> routes, List<Membership> memberships,
                             List<PendingItem> pending, List<NetInterface> interfaces, List<Vif> vifs) {

    /**
     * Copies the lists.
     *
     * @param rules       desired state
     * @param routes      installed routes
     * @param memberships memberships
     * @param pending     pending rules
     * @param interfaces  interfaces
     * @param vifs        VIFs
     */
    public EngineSnapshot {
        routes = List.copyOf(routes);
        memberships = List.copyOf(memberships);
        pending = List.copyOf(pending);
        interfaces = List.copyOf(interfaces);
        vifs = List.copyOf(vifs);
    }
}
