package dev.mcroute.daemon.backend;

import dev.mcroute.api.IpPrefix;
import dev.mcroute.daemon.config.ConfigEntry;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.engine.DesiredState;
import dev.mcroute.engine.InterfacePattern;
import dev.mcroute.engine.JoinRule;
import dev.mcroute.engine.PhyintRule;
import dev.mcroute.engine.RouteRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Translates parsed directives and IPC requests into the engine's rules. */
final class Rules {
    private Rules() {
    }

    /**
     * @param spec a route from the config or a client
     * @return the engine's rule
     * @throws IllegalArgumentException if the engine refuses it (e.g. an outbound interface twice)
     */
    static RouteRule route(RouteSpec spec) {
        return route(spec, InterfacePattern::of, Function.identity());
    }

    private static RouteRule route(RouteSpec spec, Function<String, InterfacePattern> patterns,
                                   Function<IpPrefix, IpPrefix> sources) {
        List<InterfacePattern> outbound = new ArrayList<>(spec.oifs().size());
        for (String oif : spec.oifs()) {
            outbound.add(patterns.apply(oif));
        }
        return new RouteRule(patterns.apply(spec.iif()), spec.source().map(sources).orElse(null), spec.group(), outbound);
    }

    /**
     * @param spec a membership from the config or a client
     * @return the engine's rule
     * @throws IllegalArgumentException if the engine refuses it
     */
    static JoinRule join(RouteSpec spec) {
        return join(spec, InterfacePattern::of);
    }

    private static JoinRule join(RouteSpec spec, Function<String, InterfacePattern> patterns) {
        return new JoinRule(patterns.apply(spec.iif()), spec.source().orElse(null), spec.group());
    }

    /**
     * @param config   the parsed configuration
     * @param problems receives {@code FILE line N: message} for directives the engine refuses
     * @return the desired state of every acceptable directive
     */
    static DesiredState desired(ConfigResult config, List<String> problems) {
        List<PhyintRule> phyints = new ArrayList<>();
        // keyed by what a rule selects, so that a later line for the same route replaces the
        // earlier one in constant time (a list scan per line made 10 000 routes quadratic)
        Map<RouteRule.Selector, RouteRule> routes = new LinkedHashMap<>();
        Set<JoinRule> joins = new LinkedHashSet<>();
        // one pattern per interface name and one prefix per source, not one per line: 10 000
        // routes from one sender over two interfaces otherwise keep 30 000 copies alive
        Map<String, InterfacePattern> byName = new HashMap<>();
        Function<String, InterfacePattern> patterns = name -> byName.computeIfAbsent(name, InterfacePattern::of);
        Map<IpPrefix, IpPrefix> bySource = new HashMap<>();
        Function<IpPrefix, IpPrefix> sources = source -> bySource.computeIfAbsent(source, Function.identity());
        for (ConfigEntry entry : config.entries()) {
            try {
                if (entry instanceof ConfigEntry.Phyint p) {
                    phyints.add(new PhyintRule(patterns.apply(p.iface()), p.enable(), p.mrdisc(), p.ttlThreshold()));
                } else if (entry instanceof ConfigEntry.Mroute m) {
                    RouteRule rule = route(m.route(), patterns, sources);
                    RouteRule.Selector selector = rule.selector();
                    routes.remove(selector); // a later line for the same route wins, in its place
                    routes.put(selector, rule);
                } else if (entry instanceof ConfigEntry.Mgroup g) {
                    joins.add(join(g.membership(), patterns));
                }
            } catch (IllegalArgumentException e) {
                problems.add(entry.origin() + ": " + e.getMessage());
            }
        }
        return new DesiredState(phyints, List.copyOf(routes.values()), List.copyOf(joins));
    }
}
