package dev.mcroute.daemon;

import dev.mcroute.daemon.cli.DaemonOptions;
import dev.mcroute.daemon.cli.UsageException;
import dev.mcroute.daemon.config.ConfigParser;
import dev.mcroute.daemon.config.ConfigProblem;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.control.RouterBackend;
import dev.mcroute.daemon.os.Detacher;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.daemon.os.Signals;

import dev.mcroute.daemon.backend.EngineBackend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code smcrouted}: the command line, {@code -F} checking, and the daemon's start. The routing
 * backend is passed in, so that this class holds no routing logic.
 */
public final class Smcrouted {
    /** Exit status for configuration errors, sysexits.h EX_CONFIG, as the C daemon uses. */
    public static final int EX_CONFIG = 78;
    /** Exit status for a bad command line, sysexits.h EX_USAGE. */
    public static final int EX_USAGE = 64;
    private static final String PROGRAM = "smcrouted";
    /** Set in the environment of the detached child so it logs to syslog although it runs with -n. */
    static final String DETACHED = "MCROUTE_DETACHED";

    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out standard output
     * @param err standard error
     */
    public Smcrouted(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The {@code smcrouted} program over the mcroute engine.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(new Smcrouted(out, System.err).run(args, EngineBackend::open));
    }

    /**
     * Runs the daemon program.
     *
     * @param args    the command line
     * @param factory opens the routing backend
     * @return the exit status
     */
    public int run(String[] args, RouterBackend.Factory factory) {
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(args);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.print(DaemonOptions.usage(PROGRAM));
            return EX_USAGE;
        }
        if (options.help()) {
            out.print(DaemonOptions.usage(PROGRAM));
            return 0;
        }
        if (options.version()) {
            out.println(Version.text());
            return 0;
        }
        if (options.checkFile().isPresent()) {
            return check(options.checkFile().get());
        }
        boolean detached = System.getenv(DETACHED) != null;
        if (!options.foreground() && !detached) {
            return Detacher.respawn(Smcrouted.class.getName(), args, DETACHED, err);
        }
        boolean syslog = options.logsToSyslog() || detached;
        Log log = syslog ? Log.toSyslog(options.logLevel(), options.identity().name())
                : Log.toStream(options.logLevel(), options.identity().name(), err);
        log.notice(Version.text());
        Daemon daemon = new Daemon(options, log, factory, Optional.ofNullable(System.getenv("NOTIFY_SOCKET")));
        handleSignal("HUP", daemon::reloadFromSignal, log);
        handleSignal("INT", daemon::requestStop, log);
        handleSignal("TERM", daemon::requestStop, log);
        return daemon.run();
    }

    private static void handleSignal(String name, Runnable handler, Log log) {
        if (!Signals.handle(name, handler)) {
            // HotSpot leaves a signal ignored at start ignored; the launcher resets them where it can
            log.error("SIG" + name + " was ignored when the daemon started (nohup?): it will have no effect");
        }
    }

    /**
     * {@code -F FILE}: prints each problem, exits {@link #EX_CONFIG} on errors.
     *
     * @param file the file to check
     * @return the exit status
     */
    int check(Path file) {
        out.println("Verifying configuration file " + file + " ...");
        if (!Files.exists(file)) {
            out.println("Configuration file " + file + " does not exist");
            return EX_CONFIG;
        }
        ConfigResult result = ConfigParser.parse(file);
        for (ConfigProblem problem : result.problems()) {
            out.println(problem);
        }
        if (result.hasErrors()) {
            out.println("Parse error in " + file);
            return EX_CONFIG;
        }
        return 0;
    }
}
