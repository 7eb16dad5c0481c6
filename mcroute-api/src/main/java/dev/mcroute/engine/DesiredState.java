package dev.mcroute.engine;

import java.util.List;

/**
 * Everything the engine should make true: interface settings, route rules and join rules, in the
 * order they were written (the order breaks ties between equally specific templates).
 *
 * @param phyints interface settings; for an interface several match, the last wins
 * @param routes  route rules, (*,G) templates and stop filters
 * @param joins   group membership rules
 */
public record DesiredState(List<PhyintRule> phyints, List<RouteRule> routes, List<JoinRule> joins) {

    /**
     * Copies the lists.
     *
     * @param phyints interface settings
     * @param routes  route rules
     * @param joins   join rules
     */
    public DesiredState {
        phyints = List.copyOf(phyints);
        routes = List.copyOf(routes);
        joins = List.copyOf(joins);
    }

    /** @return a state with no rules: applying it removes everything the engine installed */
    public static DesiredState empty() {
        return new DesiredState(List.of(), List.of(), List.of());
    }
}
