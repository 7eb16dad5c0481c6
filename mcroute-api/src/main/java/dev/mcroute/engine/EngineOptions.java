package dev.mcroute.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link Engine}.
 *
 * @param expiryInterval how often routes installed from (*,G) templates are checked for traffic;
 *                       a route that saw none since the previous check is removed.
 *                       {@link Duration#ZERO} disables expiry
 * @param expansionLimit the most kernel routes (or memberships) one rule may expand to
 * @param dynamicLimit   the most routes installed on upcalls (template routes and stop filters)
 *                       held at once; beyond it, stop filters make room for template routes and
 *                       further unmatched senders are ignored, so a flood of new senders cannot
 *                       exhaust memory
 */
public record EngineOptions(Duration expiryInterval, int expansionLimit, int dynamicLimit) {

    /** smcrouted's default expiry interval ({@code -c 60}). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);

    /** Default {@link #expansionLimit()}: a /16 of sources or groups. */
    public static final int DEFAULT_EXPANSION_LIMIT = 65_536;

    /** Default {@link #dynamicLimit()}. */
    public static final int DEFAULT_DYNAMIC_LIMIT = 65_536;

    /**
     * Validates the options.
     *
     * @param expiryInterval the expiry interval, zero for never
     * @param expansionLimit the expansion limit, 1 or more
     * @param dynamicLimit   the limit of routes installed on upcalls, 1 or more
     * @throws IllegalArgumentException for a negative interval or a limit below 1
     */
    public EngineOptions {
        Objects.requireNonNull(expiryInterval, "expiryInterval");
        if (expiryInterval.isNegative()) {
            throw new IllegalArgumentException("expiry interval " + expiryInterval + " is negative");
        }
        if (expansionLimit < 1) {
            throw new IllegalArgumentException("expansion limit " + expansionLimit + " is below 1");
        }
        if (dynamicLimit < 1) {
            throw new IllegalArgumentException("dynamic route limit " + dynamicLimit + " is below 1");
        }
    }

    /** @return the defaults: expiry every 60 s, both limits {@value #DEFAULT_EXPANSION_LIMIT} */
    public static EngineOptions defaults() {
        return new EngineOptions(DEFAULT_EXPIRY, DEFAULT_EXPANSION_LIMIT, DEFAULT_DYNAMIC_LIMIT);
    }

    /**
     * @param interval the expiry interval, zero for never
     * @return these options with that interval
     */
    public EngineOptions withExpiryInterval(Duration interval) {
        return new EngineOptions(interval, expansionLimit, dynamicLimit);
    }

    /**
     * @param limit the expansion limit
     * @return these options with that limit
     */
    public EngineOptions withExpansionLimit(int limit) {
        return new EngineOptions(expiryInterval, limit, dynamicLimit);
    }

    /**
     * @param limit the most routes installed on upcalls
     * @return these options with that limit
     */
    public EngineOptions withDynamicLimit(int limit) {
        return new EngineOptions(expiryInterval, expansionLimit, limit);
    }
}
