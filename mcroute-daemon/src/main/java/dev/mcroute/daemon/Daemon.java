package dev.mcroute.daemon;

import dev.mcroute.daemon.cli.DaemonOptions;
import dev.mcroute.daemon.config.ConfigEntry;
import dev.mcroute.daemon.config.ConfigParser;
import dev.mcroute.daemon.config.ConfigProblem;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterBackend;
import dev.mcroute.daemon.control.RouterControl;
import dev.mcroute.daemon.ipc.CommandDispatcher;
import dev.mcroute.daemon.ipc.IpcServer;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.daemon.mrdisc.MrdiscAnnouncer;
import dev.mcroute.daemon.os.PidFile;
import dev.mcroute.daemon.privileges.PrivilegeDrop;
import dev.mcroute.daemon.privileges.UnixIdentity;
import dev.mcroute.daemon.os.ScriptRunner;
import dev.mcroute.daemon.os.SdNotify;
import dev.mcroute.daemon.show.ShowSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * One running smcrouted: opens the backend, applies the config, listens for IPC, writes the PID
 * file when ready, reloads on request, and tears everything down on exit. All router work runs
 * on one event-loop thread; IPC, signals and timers only hand tasks to it.
 */
public final class Daemon implements RouterControl {
    /** Time a client gets to send a complete request. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_CLIENTS = 1024;

    private final DaemonOptions options;
    private final Log log;
    private final RouterBackend.Factory factory;
    private final Optional<String> notifySocket;
    private final Optional<ScriptRunner> script;
    private final PidFile pidFile;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "event-loop");
        thread.setDaemon(true);
        return thread;
    });
    private RouterBackend backend;
    /** Opened while still privileged, if the config enables mrdisc anywhere; empty otherwise. */
    private volatile Optional<MrdiscAnnouncer> mrdisc = Optional.empty();

    /**
     * @param options      the command line
     * @param log          where messages go
     * @param factory      opens the routing backend
     * @param notifySocket systemd's NOTIFY_SOCKET, if set
     */
    public Daemon(DaemonOptions options, Log log, RouterBackend.Factory factory, Optional<String> notifySocket) {
        this.options = options;
        this.log = log;
        this.factory = factory;
        this.notifySocket = notifySocket;
        this.script = options.script().map(command -> new ScriptRunner(command, log::error));
        this.pidFile = new PidFile(options.pidFile());
    }

    /**
     * Starts, serves until {@link #requestStop()} (SIGINT/SIGTERM, IPC kill), and cleans up.
     *
     * @return the exit status
     */
    public int run() {
        IpcServer ipc = null;
        try {
            if (options.startupDelay() > 0) {
                log.info("Startup delay " + options.startupDelay() + " s");
                Thread.sleep(options.startupDelay() * 1000L);
            }
            Optional<UnixIdentity> dropTo = options.user().isPresent()
                    ? Optional.of(PrivilegeDrop.resolve(options.user().get())) : Optional.empty();
            RouterBackend.Settings settings = new RouterBackend.Settings(options.table(), options.cacheTimeout(),
                    options.mrdiscInterval());
            openAndLoad(settings);
            ipc = IpcServer.start(options.socketFile(), new CommandDispatcher(this, eventLoop, log::error), CLIENT_TIMEOUT,
                    MAX_CLIENTS, log::debug);
            pidFile.write();
            if (dropTo.isPresent()) {
                // on the event loop: the thread that calls the router keeps CAP_NET_ADMIN
                onLoop(() -> {
                    PrivilegeDrop.dropTo(dropTo.get());
                    return null;
                });
                log.notice("Running as " + dropTo.get() + ", keeping CAP_NET_ADMIN");
            }
            SdNotify.notify(notifySocket, "READY=1\nMAINPID=" + ProcessHandle.current().pid()).ifPresent(log::error);
            log.notice("Ready, waiting for client request or kernel event.");
            stop.await();
            log.notice("Exiting.");
            SdNotify.notify(notifySocket, "STOPPING=1").ifPresent(log::error);
            return 0;
        } catch (IOException e) {
            log.error(e.getMessage());
            return 1;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                log.error("Out of memory loading the configuration (" + e.getCause().getMessage()
                        + "); raise the heap limit, e.g. MCROUTE_JAVA_OPTS=-Xmx2g");
            } else {
                log.error(String.valueOf(e.getCause().getMessage()));
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (ipc != null) {
                ipc.close();
            }
            mrdisc.ifPresent(MrdiscAnnouncer::close);
            shutdownBackend();
            try {
                pidFile.remove();
            } catch (IOException e) {
                log.error("removing " + pidFile.path() + ": " + e.getMessage());
            }
        }
    }

    /** Asks {@link #run()} to exit; safe from any thread, including signal handlers. */
    public void requestStop() {
        stop.countDown();
    }

    /** Reloads from a signal handler: the work runs on the event loop. */
    public void reloadFromSignal() {
        eventLoop.execute(() -> {
            try {
                reload();
            } catch (ControlException e) {
                log.error("Reload failed: " + e.getMessage());
            }
        });
    }

    /**
     * Opens the router on the event loop and reads the config here meanwhile (two cores, and a
     * large config's parsing takes about half as long as the opening), then applies it. In a
     * method of its own so that nothing keeps the parsed config alive afterwards (10 000 routes:
     * ~5 MiB).
     */
    private void openAndLoad(RouterBackend.Settings settings) throws ExecutionException, InterruptedException {
        Future<RouterBackend> opening = eventLoop.submit(() -> factory.open(settings, this::installed, log));
        FutureTask<ConfigResult> reading = new FutureTask<>(this::readConfig);
        reading.run();
        backend = opening.get();
        ConfigResult config = reading.get(); // its failure (out of memory) as from the event loop
        onLoop(() -> {
            apply(config);
            return null;
        });
    }

    private void load() throws ControlException {
        apply(readConfig());
    }

    /** Parses the configuration file and logs its problems. */
    private ConfigResult readConfig() {
        ConfigResult config;
        if (Files.exists(options.configFile())) {
            config = ConfigParser.parse(options.configFile());
        } else {
            log.notice("Configuration file " + options.configFile() + " does not exist, starting without rules");
            config = new ConfigResult(List.of(), List.of());
        }
        for (ConfigProblem problem : config.problems()) {
            if (problem.error()) {
                log.error(problem.toString());
            } else {
                log.notice(problem.toString());
            }
        }
        return config;
    }

    /** Makes the router follow a parsed configuration. */
    private void apply(ConfigResult config) throws ControlException {
        backend.apply(config).forEach(log::error);
        announce(config);
        script.ifPresent(ScriptRunner::reload);
    }

    /**
     * Starts or updates mrdisc on the interfaces of {@code phyint ... mrdisc} lines, wildcards
     * expanded against the interfaces present now. The raw sockets need CAP_NET_RAW: they are
     * opened the first time a config asks, which works at start and on reloads before a drop.
     */
    private void announce(ConfigResult config) {
        List<String> patterns = config.entries().stream()
                .filter(e -> e instanceof ConfigEntry.Phyint p && p.mrdisc() && p.enable())
                .map(e -> ((ConfigEntry.Phyint) e).iface()).toList();
        List<String> names = MrdiscTargets.expand(patterns);
        if (mrdisc.isPresent()) {
            mrdisc.get().update(names);
        } else if (!patterns.isEmpty()) {
            try {
                MrdiscAnnouncer announcer = MrdiscAnnouncer.open(options.mrdiscInterval());
                announcer.start(names);
                mrdisc = Optional.of(announcer);
            } catch (IOException | RuntimeException e) {
                log.error("mrdisc: " + e.getMessage() + "; no multicast router advertisements");
            }
        }
    }

    private void installed(String source, String group) {
        log.info("Installed (" + source + ", " + group + ") from a (*,G) rule");
        script.ifPresent(runner -> runner.install(source, group));
    }

    private <T> T onLoop(Callable<T> task) throws ExecutionException, InterruptedException {
        return eventLoop.submit(task).get();
    }

    private void shutdownBackend() {
        if (backend == null) {
            eventLoop.shutdownNow();
            return;
        }
        try {
            onLoop(() -> {
                backend.close();
                return null;
            });
        } catch (ExecutionException e) {
            log.error("closing the router: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eventLoop.shutdownNow();
        }
    }

    @Override
    public void add(RouteSpec route) throws ControlException {
        backend.add(route);
    }

    @Override
    public void remove(RouteSpec route) throws ControlException {
        backend.remove(route);
    }

    @Override
    public void join(RouteSpec membership) throws ControlException {
        backend.join(membership);
    }

    @Override
    public void leave(RouteSpec membership) throws ControlException {
        backend.leave(membership);
    }

    @Override
    public void flush() throws ControlException {
        backend.flush();
    }

    @Override
    public void reload() throws ControlException {
        log.notice("Reloading " + options.configFile());
        load();
        try {
            pidFile.touch();
        } catch (IOException e) {
            log.error("touching " + pidFile.path() + ": " + e.getMessage());
        }
    }

    @Override
    public void kill() {
        requestStop();
    }

    @Override
    public ShowSnapshot snapshot(boolean withCounters) {
        return backend.snapshot(withCounters);
    }
}
