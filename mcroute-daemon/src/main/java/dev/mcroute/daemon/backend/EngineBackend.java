package dev.mcroute.daemon.backend;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterBackend;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.daemon.show.ShowSnapshot;
import dev.mcroute.engine.ApplyResult;
import dev.mcroute.engine.Engine;
import dev.mcroute.engine.EngineListener;
import dev.mcroute.engine.EngineOptions;
import dev.mcroute.engine.InstalledRoute;
import dev.mcroute.engine.PendingItem;
import dev.mcroute.engine.RouteRule;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The daemon's backend: the mcroute engine over the platform's multicast router. */
public final class EngineBackend implements RouterBackend {
    private final MulticastRouter router;
    private final Engine engine;

    /**
     * Wraps an open router.
     *
     * @param router    the router (closed with the backend)
     * @param settings  the daemon's flags
     * @param installed told about routes installed from (*,G) templates
     * @param log       where pending rules, activations and problems are reported
     */
    public EngineBackend(MulticastRouter router, Settings settings, InstallListener installed, Log log) {
        this.router = router;
        this.engine = new Engine(router, EngineOptions.defaults().withExpiryInterval(Duration.ofSeconds(settings.cacheTimeout())));
        engine.addListener(new EngineListener() {
            @Override
            public void routeInstalled(InstalledRoute route, RouteRule template) {
                if (route.dynamic() && !route.isStopFilter()) {
                    installed.installed(InetAddresses.toText(route.key().source()), InetAddresses.toText(route.key().group()));
                }
            }

            @Override
            public void pending(PendingItem item) {
                log.info("Pending: " + item);
            }

            @Override
            public void activated(PendingItem item) {
                log.info("Activated: " + item);
            }

            @Override
            public void problem(String message) {
                log.error(message);
            }
        });
    }

    /**
     * Opens the platform's router on the table of the settings; the daemon's backend factory.
     *
     * @param settings  the daemon's flags
     * @param installed told about routes installed from (*,G) templates
     * @param log       where pending rules, activations and problems are reported
     * @return the backend
     * @throws IOException naming the reason when the kernel table cannot be taken
     */
    public static EngineBackend open(Settings settings, InstallListener installed, Log log) throws IOException {
        return open(RouterOptions.defaults().withTable(settings.table()), settings, installed, log);
    }

    /**
     * @param options   which router to open (tests name a provider)
     * @param settings  the daemon's flags
     * @param installed told about routes installed from (*,G) templates
     * @param log       where pending rules, activations and problems are reported
     * @return the backend
     * @throws IOException naming the reason when the kernel table cannot be taken
     */
    static EngineBackend open(RouterOptions options, Settings settings, InstallListener installed, Log log)
            throws IOException {
        MulticastRouter router;
        try {
            router = MulticastRouters.open(options);
        } catch (RuntimeException e) {
            throw new IOException("cannot open multicast routing table " + options.table() + ": " + e.getMessage(), e);
        }
        try {
            return new EngineBackend(router, settings, installed, log);
        } catch (RuntimeException e) {
            router.close();
            throw new IOException("cannot start the routing engine: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> apply(ConfigResult config) {
        List<String> problems = new ArrayList<>();
        ApplyResult result = engine.apply(Rules.desired(config, problems));
        problems.addAll(result.problems());
        return problems;
    }

    @Override
    public void add(RouteSpec route) throws ControlException {
        RouteRule rule = guard(() -> Rules.route(route));
        ApplyResult result = guard(() -> engine.addRoute(rule));
        failOnProblemsOf(rule, result);
    }

    @Override
    public void remove(RouteSpec route) throws ControlException {
        RouteRule rule = guard(() -> Rules.route(route));
        guard(() -> engine.removeRoute(rule));
    }

    @Override
    public void join(RouteSpec membership) throws ControlException {
        var rule = guard(() -> Rules.join(membership));
        failOnProblemsOf(rule, guard(() -> engine.join(rule)));
    }

    @Override
    public void leave(RouteSpec membership) throws ControlException {
        var rule = guard(() -> Rules.join(membership));
        guard(() -> engine.leave(rule));
    }

    @Override
    public void flush() throws ControlException {
        guard(engine::flush);
    }

    @Override
    public ShowSnapshot snapshot(boolean withCounters) {
        return ShowSnapshots.of(engine.snapshot(withCounters));
    }

    @Override
    public void close() {
        engine.close();
        router.close();
    }

    /** Problems of one whole-state apply that concern the rule just added go back to the client. */
    private static void failOnProblemsOf(Object rule, ApplyResult result) throws ControlException {
        if (result.problems().isEmpty()) {
            return; // the common case, without formatting the rule (a client's add is this per command)
        }
        String prefix = rule.toString();
        List<String> own = new ArrayList<>();
        for (String problem : result.problems()) {
            if (problem.startsWith(prefix)) {
                own.add(problem);
            }
        }
        if (!own.isEmpty()) {
            throw new ControlException(String.join("; ", own));
        }
    }

    private interface Call<T> {
        T call();
    }

    private static <T> T guard(Call<T> call) throws ControlException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw new ControlException(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }
}
