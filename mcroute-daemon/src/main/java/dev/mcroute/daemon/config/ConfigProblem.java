package dev.mcroute.daemon.config;

/**
 * Something wrong in a configuration file. Errors skip their line; warnings only inform.
 *
 * @param origin  where
 * @param message what is wrong
 * @param error   true for an error, false for a warning
 */
public record ConfigProblem(Origin origin, String message, boolean error) {
    /** @return {@code FILE line N: message} */
    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
