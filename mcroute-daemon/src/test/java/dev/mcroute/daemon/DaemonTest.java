package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.daemon.cli.DaemonOptions;
import dev.mcroute.daemon.cli.LogLevel;
import dev.mcroute.daemon.config.ConfigEntry;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterBackend;
import dev.mcroute.daemon.ipc.IpcClient;
import dev.mcroute.daemon.ipc.IpcMessage;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.daemon.show.ShowSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {
    @TempDir
    Path dir;

    /** A backend that records configs and commands; "bad0" is refused. */
    static final class RecordingBackend implements RouterBackend {
        final BlockingQueue<ConfigResult> applied = new LinkedBlockingQueue<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile InstallListener listener;
        volatile Settings settings;

        @Override
        public List<String> apply(ConfigResult config) {
            applied.add(config);
            return List.of("a problem the engine found");
        }

        @Override
        public void add(RouteSpec route) throws ControlException {
            if (route.iif().equals("bad0")) {
                throw new ControlException("Unknown interface bad0");
            }
            calls.add("add " + route.iif());
        }

        @Override
        public void remove(RouteSpec route) {
            calls.add("remove " + route.iif());
        }

        @Override
        public void join(RouteSpec membership) {
            calls.add("join " + membership.iif());
        }

        @Override
        public void leave(RouteSpec membership) {
            calls.add("leave " + membership.iif());
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public ShowSnapshot snapshot(boolean withCounters) {
            return Snapshots.c1();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final RecordingBackend backend = new RecordingBackend();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private CompletableFuture<Integer> start(DaemonOptions options) {
        Log log = Log.toStream(LogLevel.DEBUG, "test", new PrintStream(logged, true, StandardCharsets.UTF_8));
        Daemon daemon = new Daemon(options, log, (settings, listener, backendLog) -> {
            backend.settings = settings;
            backend.listener = listener;
            return backend;
        }, Optional.empty());
        return CompletableFuture.supplyAsync(daemon::run);
    }

    private List<String> send(Path socket, IpcMessage... messages) throws IOException {
        return new IpcClient(socket, Duration.ofSeconds(10)).send(List.of(messages));
    }

    @Test
    void readyThenReloadThenKillLeavesNothingBehind() throws Exception {
        Path conf = dir.resolve("d.conf");
        Files.writeString(conf, "mgroup from eth0 group 225.1.2.3\nbogus line\n");
        Path script = dir.resolve("hook.sh");
        Path scriptLog = dir.resolve("hook.log");
        Files.writeString(script, "#!/bin/sh\necho \"$1 source=$source group=$group\" >> " + scriptLog + "\n");
        script.toFile().setExecutable(true);
        Path socket = dir.resolve("d.sock");
        Path pid = dir.resolve("d.pid");
        CompletableFuture<Integer> exit = start(DaemonOptions.parse("-n", "-f", conf.toString(), "-u", socket.toString(),
                "-P", pid.toString(), "-e", script.toString(), "-t", "7", "-c", "0"));

        ConfigResult first = backend.applied.poll(10, TimeUnit.SECONDS);
        assertEquals(1, first.entries().size());
        assertTrue(first.entries().get(0) instanceof ConfigEntry.Mgroup);
        assertEquals(new RouterBackend.Settings(7, 0, 20), backend.settings);
        waitForLines(pid, 1);
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pid));
        assertTrue(Files.exists(socket), "the socket listens before the PID file says ready");
        assertEquals(List.of(""), send(socket, IpcMessage.of('j', "eth0", "225.1.1.1")));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains(conf + " line 2: Unknown command bogus, skipping."));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("]: a problem the engine found\n"));

        Files.setLastModifiedTime(pid, FileTime.fromMillis(0));
        Files.writeString(conf, "mroute from eth0 group 225.1.2.3 to eth1\n");
        assertEquals(List.of("", "Unknown interface bad0"), send(socket, IpcMessage.of('H'),
                IpcMessage.of('a', "bad0", "225.1.1.1", "eth1")));
        ConfigResult second = backend.applied.poll(10, TimeUnit.SECONDS);
        assertTrue(second.entries().get(0) instanceof ConfigEntry.Mroute);
        assertTrue(Files.getLastModifiedTime(pid).toMillis() > 0, "PID file touched after reload");

        backend.listener.installed("10.0.0.1", "225.1.2.3");
        assertEquals(List.of("", ""), send(socket, IpcMessage.of('F'), IpcMessage.of('k')));
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(backend.closed);
        assertFalse(Files.exists(pid));
        assertFalse(Files.exists(socket));
        assertEquals(List.of("join eth0", "flush"), backend.calls);
        waitForLines(scriptLog, 3);
        assertEquals(List.of("install source=10.0.0.1 group=225.1.2.3", "reload source= group=", "reload source= group="),
                Files.readAllLines(scriptLog).stream().sorted().toList());
    }

    @Test
    void anotherDaemonOnTheSocketIsAnErrorAndNoPidFileIsWritten() throws Exception {
        Path socket = dir.resolve("busy.sock");
        try (dev.mcroute.daemon.ipc.IpcServer other = dev.mcroute.daemon.ipc.IpcServer.start(socket,
                m -> CompletableFuture.completedFuture(new byte[1]), Duration.ofSeconds(1), 10, e -> { })) {
            Path pid = dir.resolve("busy.pid");
            CompletableFuture<Integer> exit = start(DaemonOptions.parse("-n", "-f", dir.resolve("none.conf").toString(),
                    "-u", socket.toString(), "-P", pid.toString()));
            assertEquals(1, exit.get(10, TimeUnit.SECONDS));
            assertFalse(Files.exists(pid));
            assertTrue(backend.closed);
            assertTrue(logged.toString(StandardCharsets.UTF_8).contains("another daemon is listening on " + socket));
        }
    }

    @Test
    void checkModeReportsProblemsAndExitCodes() throws IOException {
        Path good = dir.resolve("good.conf");
        Files.writeString(good, "phyint eth0 enable\ninclude none/*.conf\n");
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "phyint eth0 enable ttl-threshold 0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Smcrouted program = new Smcrouted(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, program.run(new String[] {"-F", good.toString()}, (s, l, g) -> backend));
        assertEquals(Smcrouted.EX_CONFIG, program.run(new String[] {"-F" + bad}, (s, l, g) -> backend));
        assertEquals(Smcrouted.EX_CONFIG, program.run(new String[] {"-F", dir.resolve("missing.conf").toString()},
                (s, l, g) -> backend));
        assertEquals("Verifying configuration file " + good + " ...\n"
                + good + " line 2: include none/*.conf matches no file\n"
                + "Verifying configuration file " + bad + " ...\n"
                + bad + " line 1: phyint eth0 ttl 0 out of range (1-255)\n"
                + "Parse error in " + bad + "\n"
                + "Verifying configuration file " + dir.resolve("missing.conf") + " ...\n"
                + "Configuration file " + dir.resolve("missing.conf") + " does not exist\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(Smcrouted.EX_USAGE, new Smcrouted(System.out, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(new String[] {"-x"}, (s, l, g) -> backend));
    }

    private static void waitForLines(Path file, int lines) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.readAllLines(file).size() < lines); i++) {
            Thread.sleep(50);
        }
    }
}
