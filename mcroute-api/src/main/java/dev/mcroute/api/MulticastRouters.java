package dev.mcroute.api;

import dev.mcroute.spi.MulticastRouterProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens {@link MulticastRouter}s through the provider that fits this system.
 *
 * <p>Providers are found with {@link ServiceLoader}. The one to use is, in this order: the one
 * named by {@link RouterOptions#provider()}, the one named by the system property
 * {@value #PROVIDER_PROPERTY}, or the supported provider with the highest priority. When none
 * fits, the exception lists every provider found and why each declined.
 */
public final class MulticastRouters {

    /** System property that forces a provider by name, e.g. {@code -Dmcroute.provider=mock}. */
    public static final String PROVIDER_PROPERTY = "mcroute.provider";

    private MulticastRouters() {
    }

    /**
     * @return a router on table 0 for IPv4 and IPv6
     * @throws MulticastRouterException if no provider fits or the kernel refuses
     */
    public static MulticastRouter open() {
        return open(RouterOptions.defaults());
    }

    /**
     * @param options table, families and an optional provider name
     * @return a router owning that table
     * @throws MulticastRouterException if no provider fits or the kernel refuses
     */
    public static MulticastRouter open(RouterOptions options) {
        return choose(options, providers()).open(options);
    }

    /**
     * @return every provider {@link ServiceLoader} finds, in no particular order; one that cannot
     *         be loaded (e.g. JNA missing) is listed as a provider that declines, with the reason
     */
    public static List<MulticastRouterProvider> providers() {
        List<MulticastRouterProvider> found = new ArrayList<>();
        Iterator<MulticastRouterProvider> it =
                ServiceLoader.load(MulticastRouterProvider.class, MulticastRouters.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                found.add(new UnloadableProvider(e));
            }
        }
        return found;
    }

    /** Stands in for a provider whose class could not be loaded, so that the error can name it. */
    private record UnloadableProvider(ServiceConfigurationError error) implements MulticastRouterProvider {

        @Override
        public String name() {
            return "unloadable provider";
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Optional<String> unsupportedReason() {
            Throwable cause = error.getCause();
            return Optional.of(error.getMessage() + (cause == null ? "" : " (" + cause + ")"));
        }

        @Override
        public MulticastRouter open(RouterOptions options) {
            throw new MulticastRouterException("open", name(), unsupportedReason().orElseThrow());
        }
    }

    /**
     * Picks the provider for the options among candidates, as {@link #open(RouterOptions)} does.
     *
     * @param options    the options, maybe naming a provider
     * @param candidates the providers to choose from
     * @return the chosen provider
     * @throws MulticastRouterException naming every candidate and why it declined
     */
    public static MulticastRouterProvider choose(RouterOptions options, List<MulticastRouterProvider> candidates) {
        String forced = options.provider() != null ? options.provider() : System.getProperty(PROVIDER_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return forcedProvider(forced.trim(), candidates);
        }
        MulticastRouterProvider best = null;
        StringBuilder declined = new StringBuilder();
        for (MulticastRouterProvider candidate : candidates) {
            Optional<String> reason = unsupportedReason(candidate);
            if (reason.isPresent()) {
                declined.append("\n  ").append(candidate.name()).append(": ").append(reason.get());
            } else if (best == null || candidate.priority() > best.priority()) {
                best = candidate;
            }
        }
        if (best != null) {
            return best;
        }
        String system = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        if (candidates.isEmpty()) {
            throw new MulticastRouterException("open", "multicast router", "no provider found on " + system
                    + "; add mcroute-linux or mcroute-freebsd to the class path or module path");
        }
        throw new MulticastRouterException("open", "multicast router",
                "no provider supports " + system + "; found:" + declined);
    }

    private static MulticastRouterProvider forcedProvider(String name, List<MulticastRouterProvider> candidates) {
        List<String> names = new ArrayList<>();
        for (MulticastRouterProvider candidate : candidates) {
            if (candidate.name().equals(name)) {
                Optional<String> reason = unsupportedReason(candidate);
                if (reason.isPresent()) {
                    throw new MulticastRouterException("open", "multicast router",
                            "provider '" + name + "' was asked for but declines: " + reason.get());
                }
                return candidate;
            }
            names.add(candidate.name());
        }
        names.sort(Comparator.naturalOrder());
        throw new MulticastRouterException("open", "multicast router", "provider '" + name
                + "' was asked for but is not on the class path; found: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    /** A provider that throws while answering (say, a missing native library) declines with that error. */
    private static Optional<String> unsupportedReason(MulticastRouterProvider candidate) {
        try {
            return candidate.unsupportedReason();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("failed to check support: " + e);
        }
    }
}
