package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.RouterOptions;
import dev.mcroute.daemon.backend.EngineBackend;
import dev.mcroute.daemon.cli.DaemonOptions;
import dev.mcroute.daemon.cli.LogLevel;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.testkit.MockKernel;
import dev.mcroute.testkit.MockKernelExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Debian's C smcroutectl driving our whole daemon (engine on the mock kernel). */
@ExtendWith(MockKernelExtension.class)
class CClientOnOurDaemonTest {
    private static final Path C_CLIENT = Path.of("/usr/sbin/smcroutectl");

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result c(Path socket, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(C_CLIENT.toString(), "-u", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out, err);
    }

    @Test
    void addShowRemoveJoinLeaveReloadKill(MockKernel kernel) throws Exception {
        KernelTests.require(Files.isExecutable(C_CLIENT), "Debian's smcroute package is not installed");
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        Path conf = dir.resolve("d.conf");
        Files.writeString(conf, "mroute from eth0 group 225.3.0.0/16 to eth1\n");
        Path socket = dir.resolve("d.sock");
        Path pid = dir.resolve("d.pid");
        Log log = Log.toStream(LogLevel.DEBUG, "test", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Daemon daemon = new Daemon(DaemonOptions.parse("-n", "-f", conf.toString(), "-u", socket.toString(), "-P",
                pid.toString()), log, (settings, installed, backendLog) -> new EngineBackend(
                        kernel.openRouter(RouterOptions.defaults()), settings, installed, backendLog), Optional.empty());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(daemon::run);
        for (int i = 0; i < 200 && !Files.exists(pid); i++) {
            Thread.sleep(50);
        }

        assertEquals(new Result(0, "", ""), c(socket, "add", "eth0", "10.0.0.1", "225.1.2.3", "eth1"));
        assertEquals(List.of("eth1"), kernel.simulatePacket("eth0", "10.0.0.1", "225.1.2.3", 8).outputs());
        assertEquals(new Result(0, "", ""), c(socket, "join", "eth1", "225.5.5.5"));
        assertEquals(new Result(0, """
                (*, 225.3.0.0/16)                          eth0  eth1
                (10.0.0.1, 225.1.2.3)                      eth0  eth1
                (10.0.0.1, 225.1.2.3)                      eth0  eth1

                """, ""), c(socket, "-t", "show"));
        assertEquals(new Result(0, "(*, 225.5.5.5)                             eth1\n\n", ""), c(socket, "-t", "show", "groups"));
        assertEquals(1, kernel.memberships("eth1").size());
        assertEquals(new Result(0, "", ""), c(socket, "leave", "eth1", "225.5.5.5"));
        assertEquals(0, kernel.memberships("eth1").size());
        assertEquals(new Result(0, "", ""), c(socket, "remove", "eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(List.of(), kernel.simulatePacket("eth0", "10.0.0.1", "225.1.2.3", 8).outputs());
        assertEquals(new Result(1, "", "smcroutectl: no such route: mroute from eth0 source 10.0.0.1 group 225.1.2.3\n"),
                c(socket, "remove", "eth0", "10.0.0.1", "225.1.2.3"));
        assertEquals(new Result(1, "", "smcroutectl: Invalid multicast group: 10.1.2.3\n"),
                c(socket, "add", "eth0", "10.0.0.1", "10.1.2.3", "eth1"));
        assertEquals(new Result(0, "", ""), c(socket, "reload"));
        assertEquals(new Result(0, "", ""), c(socket, "kill"));
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    }
}
