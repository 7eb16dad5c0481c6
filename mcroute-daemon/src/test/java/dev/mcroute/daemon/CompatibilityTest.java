package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.daemon.ipc.CommandDispatcher;
import dev.mcroute.daemon.ipc.IpcServer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our server driven by the C smcroutectl and by ours: the same words on screen. */
class CompatibilityTest {
    private static final Path C_CLIENT = Path.of("/usr/sbin/smcroutectl");

    @TempDir
    Path dir;
    private final FakeRouter router = new FakeRouter();
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor();
    private IpcServer server;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("s.sock");
        router.snapshot = Snapshots.c1();
        server = IpcServer.start(socket, new CommandDispatcher(router, eventLoop, e -> { }), Duration.ofSeconds(2), 100,
                e -> { });
    }

    @AfterEach
    void stop() {
        server.close();
        eventLoop.shutdownNow();
    }

    record Result(int status, String out, String err) {
    }

    private Result cClient(String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(C_CLIENT), "Debian's smcroute package is not installed");
        List<String> command = new ArrayList<>(List.of(C_CLIENT.toString(), "-u", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out, err);
    }

    private Result ourClient(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("-u", socket.toString()));
        command.addAll(List.of(args));
        int status = new Smcroutectl(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(command.toArray(String[]::new));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String golden(String name) {
        return new String(Golden.bytes(name), StandardCharsets.UTF_8);
    }

    @Test
    void cClientPrintsOurShowExactlyAsItPrintsTheCDaemons() throws Exception {
        assertEquals(new Result(0, golden("ctl-render-daemon-show-routes-p.txt"), ""), cClient("-p", "show"));
        assertEquals(new Result(0, golden("ctl-render-daemon-show-groups-t.txt"), ""), cClient("-t", "show", "groups"));
        assertEquals(new Result(0, golden("ctl-render-daemon-show-interfaces-p.txt"), ""), cClient("-p", "show", "int"));
    }

    @Test
    void cClientCommandsAndErrors() throws Exception {
        assertEquals(0, cClient("add", "eth0", "10.0.0.1", "225.1.2.3", "eth1", "eth2").status());
        assertEquals(0, cClient("join", "eth0", "225.1.2.3").status());
        assertEquals(0, cClient("leave", "eth0", "225.1.2.3").status());
        assertEquals(0, cClient("remove", "eth0", "10.0.0.1", "225.1.2.3").status());
        assertEquals(0, cClient("flush").status());
        assertEquals(0, cClient("reload").status());
        assertEquals(0, cClient("kill").status());
        assertEquals(new Result(1, "", "smcroutectl: Unknown interface bad0\n"), cClient("add", "bad0", "225.1.2.3", "eth1"));
        assertEquals(List.of("add eth0 (10.0.0.1, 225.1.2.3) [eth1, eth2]", "join eth0 (*, 225.1.2.3)",
                "leave eth0 (*, 225.1.2.3)", "remove eth0 (10.0.0.1, 225.1.2.3)", "flush", "reload", "kill"), router.calls);
    }

    @Test
    void ourClientPrintsWhatTheCClientPrints() {
        assertEquals(new Result(0, golden("ctl-render-daemon-show-routes.txt"), ""), ourClient("", "show"));
        assertEquals(new Result(0, golden("ctl-render-daemon-show-routes-p.txt"), ""), ourClient("", "-p", "show", "routes"));
        assertEquals(new Result(0, golden("ctl-render-daemon-show-groups-t.txt"), ""), ourClient("", "-t", "sh", "g"));
        assertEquals(new Result(0, golden("ctl-render-daemon-show-interfaces.txt"), ""), ourClient("", "show", "interfaces"));
        assertEquals(new Result(1, "", "smcroutectl: Unknown interface bad0\n"), ourClient("", "add", "bad0", "225.1.2.3", "eth1"));
    }

    @Test
    void ourClientJsonDetailedAndBatch() {
        Result json = ourClient("", "-j", "show", "pending");
        assertEquals(0, json.status());
        assertEquals(dev.mcroute.daemon.show.ShowJson.format(dev.mcroute.daemon.show.ShowKind.PENDING, Snapshots.c1()),
                json.out());
        Result batch = ourClient("add eth0 225.1.1.1 eth1\n\n# comment\njoin bad0 225.1.1.1\ndel eth0 225.1.1.1\n"
                + "show pending\n", "-b", "-t");
        assertEquals(1, batch.status());
        assertEquals("smcroutectl: Unknown interface bad0\n", batch.err());
        assertEquals("mroute  from eth9 group 225.1.2.3 to eth1 eth2\nmgroup  from wg+ source 10.0.0.1 group 232.1.1.1\n\n",
                batch.out().replace("PENDING ROUTES AND GROUPS\n", ""));
        assertEquals(List.of("add eth0 (*, 225.1.1.1) [eth1]", "remove eth0 (*, 225.1.1.1)"), router.calls);
    }

    @Test
    void ourClientUsageErrorsAndNoDaemon() throws IOException {
        Result missing = ourClient("", "add", "eth0");
        assertEquals(1, missing.status());
        assertEquals("smcroutectl: Not enough arguments to command add", missing.err().lines().findFirst().orElseThrow());
        Result bad = ourClient("", "-x");
        assertEquals("smcroutectl: invalid option -- 'x'", bad.err().lines().findFirst().orElseThrow());
        assertEquals(0, ourClient("", "version").status());
        server.close();
        assertEquals(new Result(1, "", "smcroutectl: Daemon not running\n"), ourClient("", "show"));
    }
}
