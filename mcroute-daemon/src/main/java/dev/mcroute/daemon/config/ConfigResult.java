package dev.mcroute.daemon.config;

import java.util.List;

/**
 * A parsed configuration: every good directive in file order (includes expanded in place) and
 * every problem found.
 *
 * @param entries  the directives
 * @param problems errors and warnings
 */
public record ConfigResult(List<ConfigEntry> entries, List<ConfigProblem> problems) {
    /** Makes the lists immutable. */
    public ConfigResult {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** @return whether any problem is an error */
    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::error);
    }
}
