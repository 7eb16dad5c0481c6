package dev.mcroute.engine;

import java.util.List;

/**
 * What applying a change to the desired state did to the kernel.
 *
 * @param routesAdded     kernel routes installed that were not there before
 * @param routesUpdated   kernel routes changed in place (input or outputs)
 * @param routesRemoved   kernel routes deleted
 * @param routesUnchanged kernel routes left untouched
 * @param joinsAdded      group memberships joined
 * @param joinsRemoved    group memberships left
 * @param problems        what could not be done, one sentence each (the rest was done)
 */
public record ApplyResult(int routesAdded, int routesUpdated, int routesRemoved, int routesUnchanged,
                          int joinsAdded, int joinsRemoved, List<String> problems) {

    /**
     * Copies the problem list.
     *
     * @param routesAdded     routes installed
     * @param routesUpdated   routes changed
     * @param routesRemoved   routes deleted
     * @param routesUnchanged routes untouched
     * @param joinsAdded      memberships joined
     * @param joinsRemoved    memberships left
     * @param problems        what failed
     */
    public ApplyResult {
        problems = List.copyOf(problems);
    }

    /** @return whether everything asked for was done */
    public boolean isClean() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return "routes +" + routesAdded + " ~" + routesUpdated + " -" + routesRemoved + " =" + routesUnchanged
                + ", joins +" + joinsAdded + " -" + joinsRemoved
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s): " + String.join("; ", problems));
    }
}
