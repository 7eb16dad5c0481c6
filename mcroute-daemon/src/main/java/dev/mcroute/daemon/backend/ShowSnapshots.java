package dev.mcroute.daemon.backend;

import dev.mcroute.api.Family;
import dev.mcroute.api.IpPrefix;
import dev.mcroute.api.Membership;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.Vif;
import dev.mcroute.daemon.show.GroupRow;
import dev.mcroute.daemon.show.InterfaceRow;
import dev.mcroute.daemon.show.PendingRow;
import dev.mcroute.daemon.show.RouteRow;
import dev.mcroute.daemon.show.ShowSnapshot;
import dev.mcroute.engine.EngineSnapshot;
import dev.mcroute.engine.InstalledRoute;
import dev.mcroute.engine.InterfacePattern;
import dev.mcroute.engine.JoinRule;
import dev.mcroute.engine.PendingItem;
import dev.mcroute.engine.RouteRule;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The engine's snapshot seen as the tables of {@code show}. */
final class ShowSnapshots {
    private ShowSnapshots() {
    }

    static ShowSnapshot of(EngineSnapshot engine) {
        List<RouteRow> templates = engine.rules().routes().stream().filter(RouteRule::isTemplate).map(ShowSnapshots::rule)
                .toList();
        List<RouteRow> rules = engine.rules().routes().stream().filter(r -> !r.isTemplate()).map(ShowSnapshots::rule)
                .toList();
        List<RouteRow> kernel = engine.routes().stream().map(ShowSnapshots::installed).toList();
        List<InterfaceRow> interfaces = engine.interfaces().stream().map(i -> iface(i, engine.vifs())).toList();
        List<GroupRow> groups = engine.rules().joins().stream()
                .map(j -> new GroupRow(Optional.ofNullable(j.source()), j.group(), j.iface().text())).toList();
        List<GroupRow> kernelGroups = engine.memberships().stream().map(ShowSnapshots::membership).toList();
        List<PendingRow> pending = engine.pending().stream().map(ShowSnapshots::pending).toList();
        return new ShowSnapshot(templates, rules, kernel, interfaces, groups, kernelGroups, pending);
    }

    private static RouteRow rule(RouteRule rule) {
        return new RouteRow(rule.sourcePrefix(), rule.group(), rule.inbound().text(), names(rule.outbound()), 0, 0);
    }

    private static RouteRow installed(InstalledRoute route) {
        return new RouteRow(Optional.of(IpPrefix.host(route.key().source())), IpPrefix.host(route.key().group()),
                route.inbound(), route.outbound(), route.counters().packets(), route.counters().bytes());
    }

    private static InterfaceRow iface(NetInterface netInterface, List<Vif> vifs) {
        return new InterfaceRow(netInterface.index(), netInterface.name(), slot(netInterface, vifs, Family.IPV4),
                slot(netInterface, vifs, Family.IPV6));
    }

    private static OptionalInt slot(NetInterface netInterface, List<Vif> vifs, Family family) {
        return vifs.stream().filter(v -> v.family() == family && v.interfaceName().equals(netInterface.name()))
                .mapToInt(Vif::index).findFirst();
    }

    private static GroupRow membership(Membership membership) {
        return new GroupRow(membership.sourceIfSpecific().map(IpPrefix::host), IpPrefix.host(membership.group()),
                membership.interfaceName());
    }

    private static PendingRow pending(PendingItem item) {
        if (item.isRoute()) {
            RouteRule rule = item.route();
            return new PendingRow("mroute", rule.inbound().text(), rule.sourcePrefix(), rule.group(),
                    names(rule.outbound()));
        }
        JoinRule join = item.join();
        return new PendingRow("mgroup", join.iface().text(), Optional.ofNullable(join.source()), join.group(), List.of());
    }

    private static List<String> names(List<InterfacePattern> patterns) {
        return patterns.stream().map(InterfacePattern::text).toList();
    }
}
