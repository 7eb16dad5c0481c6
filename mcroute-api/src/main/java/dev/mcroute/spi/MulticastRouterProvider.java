package dev.mcroute.spi;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import java.util.Optional;

/**
 * A source of {@link MulticastRouter}s for one kernel, found by {@link java.util.ServiceLoader}
 * (declare it in {@code module-info} with {@code provides} and in
 * {@code META-INF/services/dev.mcroute.spi.MulticastRouterProvider}).
 *
 * <p>{@link dev.mcroute.api.MulticastRouters#open(RouterOptions)} asks every provider whether it
 * supports this system and opens the supported one with the highest priority. A provider must be
 * cheap to construct and must not touch native code before {@link #unsupportedReason()} or
 * {@link #open(RouterOptions)}.
 */
public interface MulticastRouterProvider {

    /** @return a short unique name, e.g. {@code linux}; what {@code -Dmcroute.provider} selects */
    String name();

    /** @return the preference among supported providers; higher wins */
    int priority();

    /**
     * @return empty if this provider can open routers on this system, otherwise why not, in words
     *         a user can act on (e.g. {@code "needs Linux, this is FreeBSD"})
     */
    Optional<String> unsupportedReason();

    /**
     * Opens a router.
     *
     * @param options which table and families
     * @return the router, owning its table
     * @throws dev.mcroute.api.MulticastRouterException if the kernel refuses
     */
    MulticastRouter open(RouterOptions options);
}
