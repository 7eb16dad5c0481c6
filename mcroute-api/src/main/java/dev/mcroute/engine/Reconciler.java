package dev.mcroute.engine;

import dev.mcroute.api.Family;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.IpPrefix;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's state and the logic that makes the kernel match the desired state. Used only under
 * the engine's lock: nothing here is synchronized.
 *
 * <p>Every change (new desired state, interface event) recomputes the complete target (routes,
 * VIFs, memberships) and applies only the difference, so unchanged routes are never touched.
 * Upcalls take a shortcut: they install one route without recomputing the rest.
 */
final class Reconciler {

    /** A VIF is per family and interface. */
    private record VifKey(Family family, String interfaceName) {
        // equals and hashCode written out: see InterfacePattern
        @Override
        public boolean equals(Object other) {
            return other instanceof VifKey k && family == k.family && interfaceName.equals(k.interfaceName);
        }

        @Override
        public int hashCode() {
            return interfaceName.hashCode() * 31 + family.ordinal();
        }
    }

    /** A kernel route the engine wants: where it comes from and where it goes. */
    private record Target(String inbound, List<String> outbound, RouteRule rule, boolean dynamic) {
    }

    /**
     * A route the engine installed, with the entry the kernel holds and the VIF generation it was
     * built in: while both the target and the VIFs stay the same, so does the entry.
     */
    private record Installed(MfcEntry entry, Target target, long vifGeneration) {
    }

    /**
     * A rule worked out against one topology generation (interfaces and phyints): the kernel
     * routes it wants, the VIFs they need, and what is pending or wrong. Reused until the
     * topology changes, so that adding one rule does not recompute the thousands before it.
     */
    private record Compiled(long topology, List<String> problems, List<PendingItem> pending,
            List<Map.Entry<VifKey, Integer>> vifs, List<SourceGroup> keys, List<Target> targets) {
    }

    /**
     * What a rule's interfaces come to in one topology: the inbound interfaces, the outbound ones
     * for each, and the VIFs they need. Rules naming the same interfaces share one.
     */
    private record Shape(List<String> inbounds, List<List<String>> outbounds, List<Map.Entry<VifKey, Integer>> vifs) {
    }

    /** Which rules share a {@link Shape}. */
    private static final class ShapeKey {
        final Family family;
        final InterfacePattern inbound;
        final List<InterfacePattern> outbound;

        ShapeKey(RouteRule rule) {
            family = rule.family();
            inbound = rule.inbound();
            outbound = rule.outbound();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ShapeKey k && family == k.family && inbound.equals(k.inbound)
                    && outbound.equals(k.outbound);
        }

        @Override
        public int hashCode() {
            return (inbound.hashCode() * 31 + outbound.hashCode()) * 31 + family.ordinal();
        }
    }

    /**
     * A {@link Compiled} being worked out. Kept apart because one is held per rule: the compact
     * immutable copies cost a fraction of these growable collections (10 000 rules: ~7 MiB less).
     */
    private final class Draft {
        final long topology;
        final List<String> problems = new ArrayList<>();
        final List<PendingItem> pending = new ArrayList<>();
        final Map<VifKey, Integer> vifs = new LinkedHashMap<>();
        final List<SourceGroup> keys = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();

        Draft(long topology) {
            this.topology = topology;
        }

        Compiled done() {
            return new Compiled(topology, List.copyOf(problems), List.copyOf(pending), shared(vifs),
                    List.copyOf(keys), List.copyOf(targets));
        }
    }

    /** @return the VIFs needed, as the one list held for every rule that needs the same */
    private List<Map.Entry<VifKey, Integer>> shared(Map<VifKey, Integer> vifs) {
        List<Map.Entry<VifKey, Integer>> vifList = new ArrayList<>(vifs.size());
        vifs.forEach((key, ttl) -> vifList.add(Map.entry(key, ttl)));
        return vifLists.computeIfAbsent(List.copyOf(vifList), list -> list);
    }

    /** A sender the kernel reported for a (*,G) that no static rule covers. */
    private static final class Flow {
        String inbound;
        RouteCounters lastSeen;

        Flow(String inbound) {
            this.inbound = inbound;
        }
    }

    private final MulticastRouter router;
    private final EngineOptions options;
    private final Notifier notifier;

    // the desired state, kept mutable so that adding one rule does not copy all the others
    private List<PhyintRule> phyints = List.of();
    private final List<RouteRule> routeRules = new ArrayList<>();
    private List<JoinRule> joins = List.of();
    /** {@link #desired()} as last built; {@code null} after a change. */
    private DesiredState desiredView = DesiredState.empty();
    private final Map<String, NetInterface> interfaces = new HashMap<>();
    private final Map<VifKey, Vif> vifs = new LinkedHashMap<>();
    private final Map<SourceGroup, Installed> installed = new LinkedHashMap<>();
    private final Map<SourceGroup, Flow> flows = new LinkedHashMap<>();
    private final Set<Membership> joined = new LinkedHashSet<>();
    private List<PendingItem> pending = List.of();
    /** {@link #interfaces} by index, rebuilt after each change: rules are matched in this order. */
    private List<NetInterface> ordered = List.of();
    /** Bumped when interfaces or phyints change: every compiled rule is then out of date. */
    private long topology;
    /** Bumped when a VIF is added or removed: every built kernel entry is then out of date. */
    private long vifGeneration;
    private Map<RouteRule, Compiled> compiled = new IdentityHashMap<>();
    private final Map<VifKey, VifKey> vifKeys = new HashMap<>();
    /** The VIFs compiled rules need, one list for all rules that need the same (most need few). */
    private final Map<List<Map.Entry<VifKey, Integer>>, List<Map.Entry<VifKey, Integer>>> vifLists = new HashMap<>();
    /**
     * The shapes of this topology: the rules of a config mostly name the same few interfaces, and
     * working each out anew (every interface matched against every pattern) was a third of loading.
     */
    private final Map<ShapeKey, Shape> shapes = new HashMap<>();
    /** The desired route rules by what they select. */
    private Map<RouteRule.Selector, RouteRule> bySelector = new HashMap<>();
    /** How many compiled rules need each VIF. */
    private Map<VifKey, Integer> vifUsers = new HashMap<>();
    /** Whether the last reconciliation found two rules wanting one (S,G). */
    private boolean contested;
    /**
     * (S,G) given to a rule but not installed (no VIF, a refused call): not in {@code installed},
     * yet no other rule's quick add may take them, as the rule that came first keeps them.
     */
    private Set<SourceGroup> stranded = new HashSet<>();

    Reconciler(MulticastRouter router, EngineOptions options, Notifier notifier) {
        this.router = router;
        this.options = options;
        this.notifier = notifier;
    }

    DesiredState desired() {
        if (desiredView == null) {
            desiredView = new DesiredState(phyints, routeRules, joins);
        }
        return desiredView;
    }

    void loadInterfaces() {
        interfaces.clear();
        for (NetInterface iface : router.interfaces()) {
            interfaces.put(iface.name(), iface);
        }
        interfacesChanged();
    }

    ApplyResult apply(DesiredState next) {
        Objects.requireNonNull(next, "desired state");
        if (!next.phyints().equals(phyints)) {
            topology++;
            vifLists.clear(); // thresholds may have changed: lists of the old ones are not kept
            shapes.clear();
        }
        phyints = next.phyints();
        joins = next.joins();
        routeRules.clear();
        routeRules.addAll(next.routes());
        desiredView = next;
        bySelector = new HashMap<>();
        for (RouteRule rule : next.routes()) {
            bySelector.put(rule.selector(), rule);
        }
        return reconcile();
    }

    /** Adds a rule, or replaces the rule with the same selector. */
    ApplyResult addRoute(RouteRule rule) {
        RouteRule old = bySelector.get(rule.selector());
        if (old == null && !rule.isTemplate()) {
            ApplyResult quick = addWithoutReconcile(rule);
            if (quick != null) {
                return quick;
            }
        }
        if (old != null && old.equals(rule) && ownsItsRoutes(old)) {
            return new ApplyResult(0, 0, 0, installed.size(), 0, 0, List.of()); // the same rule again
        }
        List<RouteRule> routes = new ArrayList<>(routeRules);
        if (old != null) {
            routes.remove(old);
        }
        routes.add(rule);
        return apply(new DesiredState(phyints, routes, joins));
    }

    /** Removes the rule with the selector of the one given. */
    ApplyResult removeRoute(RouteRule selector) {
        RouteRule old = bySelector.get(selector.selector());
        if (old == null) {
            throw new IllegalArgumentException("no such route: " + selector);
        }
        ApplyResult quick = removeWithoutReconcile(old);
        if (quick != null) {
            return quick;
        }
        List<RouteRule> routes = new ArrayList<>(routeRules);
        routes.remove(old);
        return apply(new DesiredState(phyints, routes, joins));
    }

    /**
     * The common case of a client adding one (S,G) route whose interfaces and VIFs all exist and
     * whose routes nobody else holds: install just its routes instead of reconciling every rule.
     *
     * @return the result, or {@code null} when the rule needs a full reconciliation
     */
    private ApplyResult addWithoutReconcile(RouteRule rule) {
        Compiled c = compile(rule);
        if (!c.problems().isEmpty() || !c.pending().isEmpty()) {
            return null;
        }
        for (Map.Entry<VifKey, Integer> need : c.vifs()) {
            Vif vif = vifs.get(need.getKey());
            if (vif == null || vif.ttlThreshold() != need.getValue()) {
                return null;
            }
        }
        for (SourceGroup key : c.keys()) {
            if (installed.containsKey(key) || flows.containsKey(key) || stranded.contains(key)) {
                return null;
            }
        }
        routeRules.add(rule);
        desiredView = null;
        bySelector.put(rule.selector(), rule);
        compiled.put(rule, c);
        c.vifs().forEach(need -> vifUsers.merge(need.getKey(), 1, Integer::sum));
        List<String> problems = new ArrayList<>();
        int added = 0;
        for (int i = 0; i < c.keys().size(); i++) {
            SourceGroup key = c.keys().get(i);
            Target target = c.targets().get(i);
            MfcEntry entry = entryFor(key, target);
            try {
                router.addRoute(entry);
                installed.put(key, new Installed(entry, target, vifGeneration));
                added++;
            } catch (MulticastRouterException e) {
                problems.add(e.getMessage());
                stranded.add(key);
            }
        }
        return new ApplyResult(added, 0, 0, installed.size() - added, 0, 0, problems);
    }

    /**
     * The common case of a client removing one (S,G) rule that alone holds its kernel routes and
     * whose VIFs other rules still need: remove just its routes instead of reconciling every rule
     * (which cost ~180 ms per removal with 100 000 rules).
     *
     * @return the result, or {@code null} when the removal needs a full reconciliation
     */
    private ApplyResult removeWithoutReconcile(RouteRule old) {
        if (old.isTemplate() || !ownsItsRoutes(old)) {
            return null;
        }
        Compiled c = compiled.get(old);
        for (Map.Entry<VifKey, Integer> need : c.vifs()) {
            if (vifUsers.getOrDefault(need.getKey(), 0) < 2) {
                return null; // its last user: the reconciliation gives the VIF back
            }
        }
        for (int i = routeRules.size() - 1; i >= 0; i--) { // by identity: equal rules are one rule here
            if (routeRules.get(i) == old) {
                routeRules.remove(i);
                break;
            }
        }
        desiredView = null;
        bySelector.remove(old.selector());
        compiled.remove(old);
        c.vifs().forEach(need -> vifUsers.merge(need.getKey(), -1, Integer::sum));
        int removed = 0;
        for (SourceGroup key : c.keys()) {
            if (removeInstalled(key)) {
                removed++;
            }
        }
        return new ApplyResult(0, 0, removed, installed.size(), 0, 0, List.of());
    }

    /**
     * @return whether the rule's compiled form is current and clean, and every (S,G) it yields is
     *     installed for it alone: no other rule wanted one of them
     */
    private boolean ownsItsRoutes(RouteRule rule) {
        Compiled c = compiled.get(rule);
        if (contested || c == null || c.topology() != topology || !c.problems().isEmpty() || !c.pending().isEmpty()) {
            return false;
        }
        for (SourceGroup key : c.keys()) {
            Installed route = installed.get(key);
            if (route == null || route.target().rule() != rule) {
                return false;
            }
        }
        return true;
    }

    // ---- events -------------------------------------------------------------------------------

    void onInterfaceEvent(InterfaceEvent event) {
        NetInterface iface = event.iface();
        boolean changedPresence;
        if (event.kind() == InterfaceEvent.Kind.REMOVED) {
            changedPresence = interfaces.remove(iface.name()) != null;
            forgetVifsOf(iface.name());
        } else {
            // a rename arrives as a change of the same index under a new name
            NetInterface renamed = interfaces.values().stream()
                    .filter(i -> i.index() == iface.index() && !i.name().equals(iface.name()))
                    .findFirst().orElse(null);
            if (renamed != null) {
                interfaces.remove(renamed.name());
                forgetVifsOf(renamed.name());
            }
            NetInterface before = interfaces.put(iface.name(), iface);
            changedPresence = renamed != null || before == null || before.index() != iface.index();
            if (before != null && before.index() != iface.index()) {
                forgetVifsOf(iface.name());
            }
        }
        interfacesChanged();
        if (changedPresence) {
            ApplyResult result = reconcile();
            result.problems().forEach(notifier::problem);
        }
    }

    /** The kernel drops the VIFs of an interface that goes away; drop them here too. */
    private void forgetVifsOf(String name) {
        for (Iterator<Map.Entry<VifKey, Vif>> it = vifs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<VifKey, Vif> e = it.next();
            if (e.getKey().interfaceName().equals(name)) {
                it.remove();
                vifGeneration++;
                try {
                    router.removeVif(e.getValue());
                } catch (MulticastRouterException alreadyGone) {
                    // expected: the kernel removed it with the interface
                }
            }
        }
    }

    void onUpcall(Upcall upcall) {
        String arrival = interfaceOfVif(upcall.key().family(), upcall.vif());
        if (arrival == null) {
            return;
        }
        switch (upcall.type()) {
            case NOCACHE -> newSender(upcall.key(), arrival);
            case WRONGVIF -> senderMoved(upcall.key(), arrival);
            case WHOLEPKT -> {
                // only PIM register VIFs produce these; static routing has nothing to do with them
            }
        }
    }

    private void newSender(SourceGroup key, String arrival) {
        if (installed.containsKey(key)) {
            return; // the kernel asked before our route landed
        }
        Target target = dynamicTarget(key, arrival);
        if (flows.size() >= options.dynamicLimit() && !(target.rule() != null && evictOneStopFilter())) {
            return; // at the limit: an unmatched sender is not worth a route, the kernel drops it anyway
        }
        flows.put(key, new Flow(arrival));
        installOne(key, target);
    }

    /** Makes room for a template route by dropping the oldest stop filter installed on an upcall. */
    private boolean evictOneStopFilter() {
        for (Map.Entry<SourceGroup, Flow> e : flows.entrySet()) {
            Installed route = installed.get(e.getKey());
            if (route == null || route.target().rule() == null) {
                SourceGroup key = e.getKey();
                flows.remove(key);
                removeInstalled(key);
                return true;
            }
        }
        return false;
    }

    private void senderMoved(SourceGroup key, String arrival) {
        Installed current = installed.get(key);
        Flow flow = flows.get(key);
        if (current == null || flow == null || !current.target().dynamic()) {
            return; // static routes name their input; the kernel is right to count the miss
        }
        RouteRule template = bestTemplate(arrival, key.group());
        if (template == null) {
            return;
        }
        flow.inbound = arrival;
        installOne(key, dynamicTarget(key, arrival));
    }

    private void installOne(SourceGroup key, Target target) {
        MfcEntry entry = entryFor(key, target);
        if (entry == null) {
            return;
        }
        try {
            router.addRoute(entry);
        } catch (MulticastRouterException e) {
            notifier.problem(e.getMessage());
            return;
        }
        installed.put(key, new Installed(entry, target, vifGeneration));
        if (target.rule() != null) {
            notifier.routeInstalled(view(key, installed.get(key), RouteCounters.ZERO), target.rule());
        }
    }

    // ---- expiry -------------------------------------------------------------------------------

    /** @return how many idle dynamic routes were removed */
    int sweep() {
        int removed = 0;
        // over a copy: a listener told of a failed removal may call the engine, which may change flows
        for (SourceGroup key : List.copyOf(flows.keySet())) {
            Flow flow = flows.get(key);
            if (flow == null || !installed.containsKey(key)) {
                continue;
            }
            RouteCounters now;
            try {
                now = router.counters(key);
            } catch (MulticastRouterException gone) {
                now = null;
            }
            if (now != null && (flow.lastSeen == null || now.packets() != flow.lastSeen.packets())) {
                flow.lastSeen = now;
                continue;
            }
            flows.remove(key);
            if (removeInstalled(key)) {
                removed++;
            }
        }
        return removed;
    }

    /** @return how many dynamic routes were removed */
    int flush() {
        int removed = 0;
        for (SourceGroup key : List.copyOf(flows.keySet())) {
            flows.remove(key);
            if (removeInstalled(key)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean removeInstalled(SourceGroup key) {
        if (installed.remove(key) == null) {
            return false;
        }
        try {
            router.removeRoute(key);
        } catch (MulticastRouterException e) {
            notifier.problem(e.getMessage());
        }
        return true;
    }

    // ---- reconciliation -----------------------------------------------------------------------

    private ApplyResult reconcile() {
        List<String> problems = new ArrayList<>();
        List<PendingItem> nowPending = new ArrayList<>();
        Map<VifKey, Integer> neededVifs = new LinkedHashMap<>();
        Map<SourceGroup, Target> targets = staticTargets(problems, nowPending, neededVifs);
        addDynamicTargets(targets, neededVifs);

        int removed = 0;
        for (SourceGroup key : List.copyOf(installed.keySet())) {
            if (!targets.containsKey(key) && removeInstalled(key)) {
                removed++;
            }
        }
        reconcileVifs(neededVifs, problems);

        int added = 0;
        int updated = 0;
        int unchanged = 0;
        Set<SourceGroup> nowStranded = new HashSet<>();
        for (Map.Entry<SourceGroup, Target> e : targets.entrySet()) {
            SourceGroup key = e.getKey();
            Installed current = installed.get(key);
            if (current != null && current.target() == e.getValue() && current.vifGeneration() == vifGeneration) {
                unchanged++; // same compiled target, same VIFs: the same entry
                continue;
            }
            MfcEntry entry = entryFor(key, e.getValue());
            if (entry == null) {
                problems.add(key + " from " + e.getValue().inbound() + ": no VIF on the inbound interface");
                nowStranded.add(key);
                if (current != null && removeInstalled(key)) {
                    removed++;
                }
                continue;
            }
            if (current != null && current.entry().equals(entry)) {
                installed.put(key, new Installed(entry, e.getValue(), vifGeneration));
                unchanged++;
                continue;
            }
            try {
                router.addRoute(entry);
                installed.put(key, new Installed(entry, e.getValue(), vifGeneration));
                if (current == null) {
                    added++;
                } else {
                    updated++;
                }
            } catch (MulticastRouterException ex) {
                problems.add(ex.getMessage());
                nowStranded.add(key);
            }
        }
        stranded = nowStranded;

        int[] joins = reconcileJoins(problems, nowPending);
        publishPending(nowPending);
        return new ApplyResult(added, updated, removed, unchanged, joins[0], joins[1], problems);
    }

    private Map<SourceGroup, Target> staticTargets(List<String> problems, List<PendingItem> nowPending,
                                                   Map<VifKey, Integer> neededVifs) {
        Map<SourceGroup, Target> targets = new LinkedHashMap<>();
        Map<RouteRule, Compiled> next = new IdentityHashMap<>();
        Map<VifKey, Integer> users = new HashMap<>();
        boolean conflict = false;
        for (RouteRule rule : routeRules) {
            Compiled c = compiled.get(rule);
            if (c == null || c.topology() != topology) {
                c = compile(rule);
            }
            next.put(rule, c);
            problems.addAll(c.problems());
            nowPending.addAll(c.pending());
            c.vifs().forEach(need -> {
                neededVifs.putIfAbsent(need.getKey(), need.getValue());
                users.merge(need.getKey(), 1, Integer::sum);
            });
            for (int i = 0; i < c.keys().size(); i++) {
                SourceGroup key = c.keys().get(i);
                Target claimed = targets.putIfAbsent(key, c.targets().get(i));
                if (claimed != null) { // the first rule that wants an (S,G) keeps it
                    problems.add(rule + ": " + key + " is already routed by " + claimed.rule());
                    conflict = true;
                }
            }
        }
        compiled = next;
        vifUsers = users;
        contested = conflict;
        return targets;
    }

    /** Works a rule out against the interfaces and phyints as they are now. */
    private Compiled compile(RouteRule rule) {
        Compiled common = compileCommon(rule);
        return common != null ? common : compileInFull(rule);
    }

    /**
     * The common rules, from their shape: templates, and (S,G) rules of one source and group from
     * one existing interface, all of whose interfaces exist.
     *
     * @return the compiled rule, or {@code null} for {@link #compileInFull}
     */
    private Compiled compileCommon(RouteRule rule) {
        if (!router.families().contains(rule.family())) {
            return null;
        }
        Shape shape = shape(rule);
        if (shape == null) {
            return null;
        }
        if (rule.isTemplate()) {
            return new Compiled(topology, List.of(), List.of(), shape.vifs(), List.of(), List.of());
        }
        if (shape.inbounds().size() != 1 || !rule.source().isHost() || !rule.group().isHost()) {
            return null;
        }
        SourceGroup key;
        try {
            key = new SourceGroup(rule.source().address(), rule.group().address());
        } catch (IllegalArgumentException e) {
            return null; // the full path reports it
        }
        Target target = new Target(shape.inbounds().get(0), shape.outbounds().get(0), rule, false);
        return new Compiled(topology, List.of(), List.of(), shape.vifs(), List.of(key), List.of(target));
    }

    /** @return the rule's shape, or {@code null} if some interface it names is missing (pending) */
    private Shape shape(RouteRule rule) {
        ShapeKey key = new ShapeKey(rule);
        Shape shape = shapes.get(key);
        if (shape != null) {
            return shape;
        }
        for (InterfacePattern out : rule.outbound()) {
            if (!out.isWildcard() && !interfaces.containsKey(out.text())) {
                return null;
            }
        }
        List<String> inbounds = existing(rule.inbound(), rule, null, new ArrayList<>());
        if (inbounds.isEmpty()) {
            return null;
        }
        Map<VifKey, Integer> vifs = new LinkedHashMap<>();
        List<List<String>> outbounds = new ArrayList<>(inbounds.size());
        for (String inbound : inbounds) {
            List<String> outs = outbound(rule, inbound);
            needVif(vifs, rule.family(), inbound);
            outs.forEach(o -> needVif(vifs, rule.family(), o));
            outbounds.add(outs);
        }
        shape = new Shape(List.copyOf(inbounds), List.copyOf(outbounds), shared(vifs));
        shapes.put(key, shape);
        return shape;
    }

    private Compiled compileInFull(RouteRule rule) {
        Draft c = new Draft(topology);
        if (!router.families().contains(rule.family())) {
            c.problems.add(rule + ": this router does not route " + rule.family());
            return c.done();
        }
        List<String> inbounds = existing(rule.inbound(), rule, null, c.pending);
        if (inbounds.isEmpty()) {
            return c.done();
        }
        for (InterfacePattern out : rule.outbound()) {
            if (!out.isWildcard() && !interfaces.containsKey(out.text())) {
                c.pending.add(new PendingItem(rule, null, "outbound interface " + out + " does not exist"));
            }
        }
        if (rule.isTemplate()) {
            for (String inbound : inbounds) {
                needVif(c.vifs, rule.family(), inbound);
                outbound(rule, inbound).forEach(o -> needVif(c.vifs, rule.family(), o));
            }
            return c.done();
        }
        long pairs = Expansion.pairs(rule.source(), rule.group(), options.expansionLimit());
        if (pairs < 0) {
            c.problems.add(rule + ": expands to more than " + options.expansionLimit()
                    + " kernel routes; use a longer source or group prefix");
            return c.done();
        }
        Set<SourceGroup> seen = new HashSet<>();
        for (String inbound : inbounds) {
            List<String> outs = outbound(rule, inbound);
            needVif(c.vifs, rule.family(), inbound);
            outs.forEach(o -> needVif(c.vifs, rule.family(), o));
            Target target = new Target(inbound, outs, rule, false);
            for (InetAddress source : Expansion.addresses(rule.source())) {
                for (InetAddress group : Expansion.addresses(rule.group())) {
                    SourceGroup key;
                    try {
                        key = new SourceGroup(source, group);
                    } catch (IllegalArgumentException e) {
                        c.problems.add(rule + ": " + e.getMessage());
                        continue;
                    }
                    if (seen.add(key)) { // a wildcard inbound: the first interface takes the route
                        c.keys.add(key);
                        c.targets.add(target);
                    }
                }
            }
        }
        return c.done();
    }

    private void addDynamicTargets(Map<SourceGroup, Target> targets, Map<VifKey, Integer> neededVifs) {
        for (Iterator<Map.Entry<SourceGroup, Flow>> it = flows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SourceGroup, Flow> e = it.next();
            SourceGroup key = e.getKey();
            String inbound = e.getValue().inbound;
            if (targets.containsKey(key) || !usable(inbound)) {
                it.remove(); // a static rule took it over, or its interface is gone
                continue;
            }
            Target target = dynamicTarget(key, inbound);
            needVif(neededVifs, key.family(), inbound);
            target.outbound().forEach(o -> needVif(neededVifs, key.family(), o));
            targets.put(key, target);
        }
    }

    private Target dynamicTarget(SourceGroup key, String inbound) {
        RouteRule template = bestTemplate(inbound, key.group());
        if (template == null) {
            return new Target(inbound, List.of(), null, true);
        }
        return new Target(inbound, outbound(template, inbound), template, true);
    }

    /**
     * The most specific template for traffic to {@code group} arriving on {@code inbound}: longest
     * group prefix, then an exact interface over a wildcard, then the first written.
     */
    private RouteRule bestTemplate(String inbound, InetAddress group) {
        RouteRule best = null;
        for (RouteRule rule : routeRules) {
            if (!rule.isTemplate() || !rule.inbound().matches(inbound) || !rule.group().contains(group)) {
                continue;
            }
            if (best == null || moreSpecific(rule, best)) {
                best = rule;
            }
        }
        return best;
    }

    private static boolean moreSpecific(RouteRule candidate, RouteRule best) {
        if (candidate.group().length() != best.group().length()) {
            return candidate.group().length() > best.group().length();
        }
        return !candidate.inbound().isWildcard() && best.inbound().isWildcard();
    }

    /** @return the existing, enabled interfaces a rule's pattern names; records why when none */
    private List<String> existing(InterfacePattern pattern, RouteRule route, JoinRule join,
                                  List<PendingItem> nowPending) {
        List<String> names = new ArrayList<>();
        for (NetInterface iface : sortedInterfaces()) {
            if (pattern.matches(iface.name()) && (join != null || enabled(iface.name()))) {
                names.add(iface.name());
            }
        }
        if (names.isEmpty()) {
            String reason;
            if (pattern.isWildcard()) {
                reason = "no interface matches " + pattern;
            } else if (interfaces.containsKey(pattern.text())) {
                reason = "interface " + pattern + " is disabled";
            } else {
                reason = "interface " + pattern + " does not exist";
            }
            nowPending.add(new PendingItem(route, join, reason));
        }
        return names;
    }

    private List<String> outbound(RouteRule rule, String inbound) {
        Set<String> names = new LinkedHashSet<>();
        for (InterfacePattern pattern : rule.outbound()) {
            for (NetInterface iface : sortedInterfaces()) {
                if (pattern.matches(iface.name()) && !iface.name().equals(inbound) && enabled(iface.name())) {
                    names.add(iface.name());
                }
            }
        }
        return List.copyOf(names);
    }

    private boolean usable(String name) {
        return interfaces.containsKey(name) && enabled(name);
    }

    private boolean enabled(String name) {
        PhyintRule setting = phyint(name);
        return setting == null || setting.enabled();
    }

    private int threshold(String name) {
        PhyintRule setting = phyint(name);
        return setting == null ? VifSpec.DEFAULT_TTL_THRESHOLD : setting.ttlThreshold();
    }

    private PhyintRule phyint(String name) {
        PhyintRule last = null;
        for (PhyintRule rule : phyints) {
            if (rule.iface().matches(name)) {
                last = rule;
            }
        }
        return last;
    }

    private void needVif(Map<VifKey, Integer> needed, Family family, String name) {
        // one instance per interface, however many rules' compiled forms hold it
        VifKey key = vifKeys.computeIfAbsent(new VifKey(family, name), k -> k);
        needed.putIfAbsent(key, threshold(name));
    }

    private void reconcileVifs(Map<VifKey, Integer> needed, List<String> problems) {
        for (Iterator<Map.Entry<VifKey, Vif>> it = vifs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<VifKey, Vif> e = it.next();
            Integer threshold = needed.get(e.getKey());
            if (threshold == null || threshold != e.getValue().ttlThreshold()) {
                it.remove();
                vifGeneration++;
                try {
                    router.removeVif(e.getValue());
                } catch (MulticastRouterException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
        for (Map.Entry<VifKey, Integer> e : needed.entrySet()) {
            VifKey key = e.getKey();
            if (vifs.containsKey(key)) {
                continue;
            }
            try {
                VifSpec spec = VifSpec.of(key.family(), key.interfaceName()).withTtlThreshold(e.getValue());
                vifs.put(key, router.addVif(spec));
                vifGeneration++;
            } catch (MulticastRouterException ex) {
                boolean full = ex.errnoName().map("ENFILE"::equals).orElse(false);
                problems.add(full
                        ? "interface " + key.interfaceName() + ": no free " + (key.family() == Family.IPV4 ? "VIF" : "MIF")
                          + " (all " + Vif.MAX_VIFS + " in use); routes through it are not installed"
                        : ex.getMessage());
            }
        }
    }

    private MfcEntry entryFor(SourceGroup key, Target target) {
        Vif input = vifs.get(new VifKey(key.family(), target.inbound()));
        if (input == null) {
            return null;
        }
        List<Vif> outputs = new ArrayList<>();
        for (String name : target.outbound()) {
            Vif out = vifs.get(new VifKey(key.family(), name));
            if (out != null) {
                outputs.add(out);
            }
        }
        return MfcEntry.between(key, input, outputs);
    }

    private String interfaceOfVif(Family family, int index) {
        for (Vif vif : vifs.values()) {
            if (vif.family() == family && vif.index() == index) {
                return vif.interfaceName();
            }
        }
        return null;
    }

    private int[] reconcileJoins(List<String> problems, List<PendingItem> nowPending) {
        Set<Membership> wanted = new LinkedHashSet<>();
        for (JoinRule rule : joins) {
            List<String> names = existing(rule.iface(), null, rule, nowPending);
            IpPrefix sources = rule.source() == null ? null : rule.source();
            long pairs = Expansion.pairs(sources == null ? IpPrefix.host(rule.group().address()) : sources,
                    rule.group(), options.expansionLimit());
            if (pairs < 0) {
                problems.add(rule + ": expands to more than " + options.expansionLimit() + " memberships");
                continue;
            }
            for (String name : names) {
                for (InetAddress group : Expansion.addresses(rule.group())) {
                    if (sources == null) {
                        wanted.add(Membership.anySource(name, group));
                    } else {
                        for (InetAddress source : Expansion.addresses(sources)) {
                            wanted.add(Membership.sourceSpecific(name, source, group));
                        }
                    }
                }
            }
        }
        int left = 0;
        for (Iterator<Membership> it = joined.iterator(); it.hasNext(); ) {
            Membership m = it.next();
            if (wanted.contains(m)) {
                continue;
            }
            it.remove();
            left++;
            if (interfaces.containsKey(m.interfaceName())) {
                try {
                    router.groups().leave(m);
                } catch (MulticastRouterException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
        int added = 0;
        for (Membership m : wanted) {
            if (joined.contains(m)) {
                continue;
            }
            try {
                router.groups().join(m);
                joined.add(m);
                added++;
            } catch (MulticastRouterException ex) {
                problems.add(ex.getMessage());
            }
        }
        return new int[] {added, left};
    }

    private void publishPending(List<PendingItem> nowPending) {
        List<PendingItem> before = pending;
        Set<PendingItem> wasPending = new HashSet<>(before);
        Set<PendingItem> isPending = new HashSet<>(nowPending);
        pending = List.copyOf(nowPending);
        for (PendingItem item : pending) {
            if (!wasPending.contains(item)) {
                notifier.pending(item);
            }
        }
        for (PendingItem item : before) {
            if (!isPending.contains(item)) {
                notifier.activated(item);
            }
        }
    }

    // ---- views --------------------------------------------------------------------------------

    EngineSnapshot snapshot(boolean withCounters) {
        List<InstalledRoute> routes = new ArrayList<>(installed.size());
        installed.forEach((key, route) -> {
            if (!route.target().dynamic()) {
                routes.add(view(key, route, withCounters ? counters(key) : RouteCounters.ZERO));
            }
        });
        installed.forEach((key, route) -> {
            if (route.target().dynamic()) {
                routes.add(view(key, route, withCounters ? counters(key) : RouteCounters.ZERO));
            }
        });
        List<Vif> vifList = new ArrayList<>(vifs.values());
        vifList.sort(Comparator.comparing(Vif::family).thenComparingInt(Vif::index));
        return new EngineSnapshot(desired(), routes, List.copyOf(joined), pending, sortedInterfaces(), vifList);
    }

    private RouteCounters counters(SourceGroup key) {
        try {
            return router.counters(key);
        } catch (MulticastRouterException e) {
            return RouteCounters.ZERO;
        }
    }

    private static InstalledRoute view(SourceGroup key, Installed route, RouteCounters counters) {
        Target t = route.target();
        return new InstalledRoute(key, t.inbound(), t.outbound(), t.rule(), t.dynamic(), counters);
    }

    private List<NetInterface> sortedInterfaces() {
        return ordered;
    }

    private void interfacesChanged() {
        topology++;
        vifKeys.clear(); // every rule is compiled anew: names of interfaces gone are not kept
        vifLists.clear();
        shapes.clear();
        List<NetInterface> list = new ArrayList<>(interfaces.values());
        list.sort(Comparator.comparingInt(NetInterface::index));
        ordered = List.copyOf(list);
    }
}
