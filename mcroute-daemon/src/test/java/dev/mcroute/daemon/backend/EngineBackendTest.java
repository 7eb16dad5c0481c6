package dev.mcroute.daemon.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.RouterOptions;
import dev.mcroute.daemon.cli.LogLevel;
import dev.mcroute.daemon.os.Log;
import dev.mcroute.daemon.config.ConfigParser;
import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterBackend;
import dev.mcroute.daemon.show.ShowKind;
import dev.mcroute.daemon.show.ShowText;
import dev.mcroute.testkit.MockKernel;
import dev.mcroute.testkit.MockKernelExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MockKernelExtension.class)
class EngineBackendTest {
    private static final Log QUIET = Log.toStream(LogLevel.NONE, "test", System.err);

    @TempDir
    Path dir;

    @Test
    void configRoutesPacketsAndShowsAsTheCDaemonWould(MockKernel kernel) throws Exception {
        for (String name : List.of("a1", "a0", "b1", "b0")) {
            kernel.addInterface(name);
        }
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, """
                phyint b0 enable ttl-threshold 3
                mgroup from a0 group 225.1.2.3
                mroute from a0 group 225.3.0.0/24 to b0
                mroute from a0 source 10.0.0.2 group 225.1.2.3 to b0 a1
                mroute from a0 source 10.0.0.5 group 225.1.2.4
                mroute from eth9 group 225.9.9.9 to b0
                mroute from a0 source 10.0.0.3 group 225.1.2.5 to b0 b0
                """);
        BlockingQueue<String> installed = new LinkedBlockingQueue<>();
        try (EngineBackend backend = new EngineBackend(kernel.openRouter(RouterOptions.defaults()),
                new RouterBackend.Settings(0, 60, 20), (s, g) -> installed.add(s + " " + g), QUIET)) {
            List<String> problems = backend.apply(ConfigParser.parse(conf));
            assertEquals(List.of(conf + " line 7: outbound interface listed twice in [b0, b0]"), problems);

            assertEquals(List.of("a1", "b0"), kernel.simulatePacket("a0", "10.0.0.2", "225.1.2.3", 16).outputs().stream()
                    .sorted().toList());
            assertEquals(List.of(), kernel.simulatePacket("a0", "10.0.0.9", "225.3.0.7", 16).outputs());
            assertEquals("10.0.0.9 225.3.0.7", installed.poll(10, TimeUnit.SECONDS));
            assertEquals(List.of("b0"), kernel.simulatePacket("a0", "10.0.0.9", "225.3.0.7", 16).outputs());

            backend.add(RouteSpec.parse(List.of("a0", "10.0.0.7", "225.1.1.7", "b0"), true));
            backend.join(RouteSpec.parseMembership(List.of("b0", "10.0.0.1", "232.1.1.1")));
            assertEquals("""
                    (*,G) Template Rules_
                    ROUTE (S,G)                                IIF   OIFS=
                    (*, 225.3.0.0/24)                          a0    b0
                    (*, 225.9.9.9)                             eth9  b0
                    (S,G) Rules_
                    ROUTE (S,G)                                IIF   OIFS=
                    (10.0.0.2, 225.1.2.3)                      a0    b0 a1
                    (10.0.0.5, 225.1.2.4)                      a0  \s
                    (10.0.0.7, 225.1.1.7)                      a0    b0
                    Kernel MFC Table_
                    ROUTE (S,G)                                IIF   OIFS=
                    (10.0.0.2, 225.1.2.3)                      a0    b0 a1
                    (10.0.0.5, 225.1.2.4)                      a0  \s
                    (10.0.0.7, 225.1.1.7)                      a0    b0
                    (10.0.0.9, 225.3.0.7)                      a0    b0
                    """, sorted(ShowText.format(ShowKind.ROUTES, false, backend.snapshot(false))));
            assertEquals("""
                    Group Memberships Table_
                    GROUP (S,G)                                IIF             =
                    (*, 225.1.2.3)                             a0
                    (10.0.0.1, 232.1.1.1)                      b0
                    Kernel Group Membership Table_
                    (*, 225.1.2.3)                             a0
                    (10.0.0.1, 232.1.1.1)                      b0
                    """, ShowText.format(ShowKind.GROUPS, true, backend.snapshot(true)));
            assertEquals("""
                    PENDING ROUTES AND GROUPS
                    mroute  from eth9 group 225.9.9.9 to b0
                    """, ShowText.format(ShowKind.PENDING, false, backend.snapshot(false)));
            String interfaces = ShowText.format(ShowKind.INTERFACES, false, backend.snapshot(false));
            assertTrue(interfaces.startsWith(" INDEX PHYINT  VIF  MIF=\n"), interfaces);
            assertTrue(interfaces.contains(" a0        0  N/A\n") || interfaces.contains(" a0        1  N/A\n"), interfaces);

            backend.remove(RouteSpec.parse(List.of("a0", "10.0.0.7", "225.1.1.7"), false));
            assertEquals(List.of(), kernel.simulatePacket("a0", "10.0.0.7", "225.1.1.7", 16).outputs());
            ControlException missing = assertThrows(ControlException.class,
                    () -> backend.remove(RouteSpec.parse(List.of("a0", "10.0.0.7", "225.1.1.7"), false)));
            assertEquals("no such route: mroute from a0 source 10.0.0.7 group 225.1.1.7", missing.getMessage());
            backend.flush();
            assertEquals(List.of(), kernel.simulatePacket("a0", "10.0.0.9", "225.3.0.7", 16).outputs(),
                    "flushed: the template route is gone, the next packet asks again");
        }
    }

    /** Kernel routes come in the engine's order; sort rows within each section so the test does not depend on it. */
    private static String sorted(String text) {
        StringBuilder out = new StringBuilder();
        List<String> rows = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.endsWith("_") || line.endsWith("=")) {
                rows.stream().sorted().forEach(r -> out.append(r).append('\n'));
                rows.clear();
                out.append(line).append('\n');
            } else {
                rows.add(line);
            }
        }
        rows.stream().sorted().forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }

    @Test
    void aSecondRouterOnTheSameTableIsAClearError(MockKernel kernel) {
        RouterOptions mock = RouterOptions.defaults().withProvider("mock");
        try (var first = kernel.openRouter(mock)) {
            IOException e = assertThrows(IOException.class, () -> EngineBackend.open(mock,
                    new RouterBackend.Settings(0, 60, 20), (s, g) -> { }, QUIET));
            assertTrue(e.getMessage().startsWith("cannot open multicast routing table 0: "), e.getMessage());
        }
    }
}
