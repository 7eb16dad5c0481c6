package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.MulticastRouters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real multicast through three network namespaces, sender -- router -- receiver:
 * Debian's C smcrouted driven by our smcroutectl, and our smcrouted driven by the C smcroutectl.
 */
class RoutingKernelTest {
    private static final Path C_DAEMON = Path.of("/usr/sbin/smcrouted");
    private static final Path C_CLIENT = Path.of("/usr/sbin/smcroutectl");
    private static final Path SEND = Path.of("src/demo/McastSend.java");
    private static final Path RECEIVE = Path.of("src/demo/McastReceive.java");

    @TempDir
    Path dir;
    private final List<KernelTests.Netns> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private KernelTests.Netns sender;
    private KernelTests.Netns router;
    private KernelTests.Netns receiver;

    @BeforeEach
    void topology() throws IOException {
        KernelTests.requireNetns();
        sender = add(new KernelTests.Netns("snd"));
        router = add(new KernelTests.Netns("rtr"));
        receiver = add(new KernelTests.Netns("rcv"));
        KernelTests.run("ip", "link", "add", "snd0", "netns", sender.name(), "type", "veth", "peer", "name", "r-in", "netns",
                router.name());
        KernelTests.run("ip", "link", "add", "rcv0", "netns", receiver.name(), "type", "veth", "peer", "name", "r-out",
                "netns", router.name());
        address(sender, "snd0", "10.0.1.2/24");
        address(router, "r-in", "10.0.1.1/24");
        address(router, "r-out", "10.0.2.1/24");
        address(receiver, "rcv0", "10.0.2.2/24");
    }

    @AfterEach
    void teardown() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (KernelTests.Netns ns : namespaces) {
            ns.close();
        }
    }

    private KernelTests.Netns add(KernelTests.Netns ns) {
        namespaces.add(ns);
        return ns;
    }

    private static void address(KernelTests.Netns ns, String device, String prefix) throws IOException {
        KernelTests.run("ip", "-n", ns.name(), "addr", "add", prefix, "dev", device);
        KernelTests.run("ip", "-n", ns.name(), "link", "set", device, "up");
    }

    private Process start(List<String> command, Path output) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(process);
        return process;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Receives on both groups while the sender sends 5 datagrams to each; returns how many arrived per group. */
    private List<Integer> sendAndReceive(String... groups) throws Exception {
        List<Process> receivers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (String group : groups) {
            Path out = dir.resolve("rcv-" + group);
            outputs.add(out);
            receivers.add(start(receiver.inside(javaBin(), RECEIVE.toString(), "rcv0", group, "5000", "12"), out));
        }
        Thread.sleep(3000); // the receivers compile and join before the first datagram leaves
        for (String group : groups) {
            Process send = start(sender.inside(javaBin(), SEND.toString(), "snd0", group, "5000", "5", "5"),
                    dir.resolve("snd-" + group));
            assertTrue(send.waitFor(60, TimeUnit.SECONDS));
        }
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            assertTrue(receivers.get(i).waitFor(60, TimeUnit.SECONDS));
            String text = Files.readString(outputs.get(i));
            String last = text.lines().filter(l -> l.endsWith("datagram(s) arrived")).findFirst().orElse(text);
            counts.add(Integer.parseInt(last.replaceAll("\\D+", " ").strip().split(" ")[0]));
        }
        return counts;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private int ourClient(Path socket, String... args) {
        List<String> command = new ArrayList<>(List.of("-u", socket.toString()));
        command.addAll(List.of(args));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Smcroutectl(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]))
                .run(command.toArray(String[]::new));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void cDaemonRoutesWhatOurClientAdds() throws Exception {
        KernelTests.require(Files.isExecutable(C_DAEMON), "Debian's smcroute package is not installed");
        Path conf = dir.resolve("empty.conf");
        Files.writeString(conf, "");
        Path socket = dir.resolve("c.sock");
        Path pid = dir.resolve("c.pid");
        Process daemon = start(router.inside(C_DAEMON.toString(), "-n", "-f", conf.toString(), "-u", socket.toString(), "-P",
                pid.toString(), "-l", "debug"), dir.resolve("c.log"));
        awaitFile(pid);
        assertEquals(0, ourClient(socket, "add", "r-in", "10.0.1.2", "225.1.2.3", "r-out"));
        assertEquals(0, ourClient(socket, "add", "r-in", "225.3.0.0/16", "r-out"));
        List<Integer> counts = sendAndReceive("225.1.2.3", "225.3.4.5", "225.4.4.4");
        assertEquals(5, counts.get(0), "(S,G) route added by our smcroutectl");
        assertTrue(counts.get(1) >= 4, "(*,G) template added by our smcroutectl: " + counts.get(1));
        assertEquals(0, counts.get(2), "no route, nothing forwarded");
        assertEquals(0, ourClient(socket, "kill"));
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void ourDaemonRoutesAndTheCClientDrivesIt() throws Exception {
        KernelTests.require(Files.isExecutable(C_CLIENT), "Debian's smcroute package is not installed");
        KernelTests.require(MulticastRouters.providers().stream().anyMatch(p -> p.name().equals("linux")),
                "the Linux provider (mcroute-linux) is not on the class path");
        Path conf = dir.resolve("our.conf");
        Files.writeString(conf, "mroute from r-in group 225.3.0.0/16 to r-out\n");
        Path socket = dir.resolve("our.sock");
        Path pid = dir.resolve("our.pid");
        Process daemon = start(router.inside(javaBin(), "-Dmcroute.provider=linux", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.mcroute.daemon.Smcrouted", "-n", "-f", conf.toString(), "-u", socket.toString(), "-P", pid.toString(),
                "-l", "debug"), dir.resolve("our.log"));
        awaitFile(pid);
        Process add = new ProcessBuilder(C_CLIENT.toString(), "-u", socket.toString(), "add", "r-in", "10.0.1.2", "225.1.2.3",
                "r-out").start();
        assertEquals(0, add.waitFor(), new String(add.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        List<Integer> counts = sendAndReceive("225.1.2.3", "225.3.4.5", "225.4.4.4");
        assertEquals(5, counts.get(0), "(S,G) route added by the C smcroutectl");
        assertTrue(counts.get(1) >= 4, "(*,G) template from our.conf: " + counts.get(1));
        assertEquals(0, counts.get(2), "no route, nothing forwarded");
        Process show = new ProcessBuilder(C_CLIENT.toString(), "-u", socket.toString(), "-t", "show").start();
        String routes = new String(show.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(routes.contains("(10.0.1.2, 225.3.4.5)"), routes);
        assertEquals(0, new ProcessBuilder(C_CLIENT.toString(), "-u", socket.toString(), "kill").start().waitFor());
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("our.log")));
        assertFalse(Files.exists(pid));
    }

    @Test
    void afterDroppingToNobodyTheEventLoopKeepsNetAdminAndRoutingGoesOn() throws Exception {
        KernelTests.require(Files.isExecutable(C_CLIENT), "Debian's smcroute package is not installed");
        KernelTests.require(MulticastRouters.providers().stream().anyMatch(p -> p.name().equals("linux")),
                "the Linux provider (mcroute-linux) is not on the class path");
        Path conf = dir.resolve("drop.conf");
        Files.writeString(conf, "");
        Path socket = dir.resolve("drop.sock");
        Path pid = dir.resolve("drop.pid");
        Process daemon = start(router.inside(javaBin(), "-Dmcroute.provider=linux", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.mcroute.daemon.Smcrouted", "-n", "-p", "nobody:nogroup", "-f", conf.toString(), "-u", socket.toString(),
                "-P", pid.toString(), "-l", "debug"), dir.resolve("drop.log"));
        awaitFile(pid);
        long id = Long.parseLong(Files.readString(pid).strip());
        Path proc = Path.of("/proc", Long.toString(id));
        for (int i = 0; i < 100 && !Files.readString(dir.resolve("drop.log")).contains("]: Running as "); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(proc.resolve("status")).contains("\nUid:\t65534\t65534\t65534\t65534\n"),
                Files.readString(proc.resolve("status")));
        assertEquals("0000000000001000", field(proc.resolve("status"), "CapEff"), "the leader thread keeps CAP_NET_ADMIN");
        String eventLoopCaps = null;
        try (var tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals("event-loop")) {
                    eventLoopCaps = field(task.resolve("status"), "CapEff") + " " + field(task.resolve("status"), "CapPrm");
                }
            }
        }
        assertEquals("0000000000001000 0000000000001000", eventLoopCaps, "CAP_NET_ADMIN only");

        Process add = new ProcessBuilder(C_CLIENT.toString(), "-u", socket.toString(), "add", "r-in", "10.0.1.2", "225.1.2.3",
                "r-out").start();
        assertEquals(0, add.waitFor(), new String(add.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(5), sendAndReceive("225.1.2.3"), "routed after the privilege drop");
        assertEquals(0, new ProcessBuilder(C_CLIENT.toString(), "-u", socket.toString(), "kill").start().waitFor());
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("drop.log")));
    }

    @Test
    void mrdiscAdvertisementsReachTheNeighbour() throws Exception {
        KernelTests.require(MulticastRouters.providers().stream().anyMatch(p -> p.name().equals("linux")),
                "the Linux provider (mcroute-linux) is not on the class path");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path conf = dir.resolve("mrdisc.conf");
        Files.writeString(conf, "phyint r-+ enable mrdisc\n");
        Path socket = dir.resolve("mrdisc.sock");
        Path pid = dir.resolve("mrdisc.pid");
        int index = Integer.parseInt(KernelTests.run(sender.inside("cat", "/sys/class/net/snd0/ifindex").toArray(String[]::new))
                .strip());
        Process listener = start(sender.inside(javaBin(), "-cp", classPath, "dev.mcroute.daemon.MrdiscListener",
                Integer.toString(index), "30"), dir.resolve("listener.log"));
        Thread.sleep(1500); // the listener joins 224.0.0.106 first
        start(router.inside(javaBin(), "-Dmcroute.provider=linux", "-cp", classPath, "dev.mcroute.daemon.Smcrouted", "-n",
                "-m", "7", "-f", conf.toString(), "-u", socket.toString(), "-P", pid.toString(), "-l", "debug"),
                dir.resolve("mrdisc.log"));
        assertTrue(listener.waitFor(60, TimeUnit.SECONDS));
        assertEquals("advertisement from 10.0.1.1 interval 7 query 0 robustness 0 ttl 1 alert true",
                Files.readString(dir.resolve("listener.log")).strip(), Files.readString(dir.resolve("mrdisc.log")));
    }

    @Test
    void twoDaemonsOnTablesOneAndTwoWithTheirOwnIdentities() throws Exception {
        KernelTests.require(MulticastRouters.providers().stream().anyMatch(p -> p.name().equals("linux")),
                "the Linux provider (mcroute-linux) is not on the class path");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> names = List.of("mcd-one-" + ProcessHandle.current().pid(), "mcd-two-" + ProcessHandle.current().pid());
        List<Process> daemons = new ArrayList<>();
        for (int table = 1; table <= 2; table++) {
            String name = names.get(table - 1);
            Files.writeString(dir.resolve(name + ".conf"), "mroute from r-in source 10.0.1." + (table + 10)
                    + " group 225.1.1." + table + " to r-out\n");
            daemons.add(start(router.inside(javaBin(), "-Dmcroute.provider=linux", "-cp", classPath,
                    "dev.mcroute.daemon.Smcrouted", "-n", "-I", name, "-t", Integer.toString(table), "-f",
                    dir.resolve(name + ".conf").toString()), dir.resolve(name + ".log")));
        }
        try {
            for (int table = 1; table <= 2; table++) {
                String name = names.get(table - 1);
                awaitFile(Path.of("/run", name + ".pid"));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = new Smcroutectl(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                        new ByteArrayInputStream(new byte[0])).run("-I", name, "-t", "show");
                assertEquals(0, status);
                assertTrue(out.toString(StandardCharsets.UTF_8).contains("(10.0.1." + (table + 10) + ", 225.1.1." + table + ")"),
                        out.toString(StandardCharsets.UTF_8));
                String kernel = KernelTests.run(router.inside("ip", "mroute", "show", "table", Integer.toString(table))
                        .toArray(String[]::new));
                assertTrue(kernel.contains("(10.0.1." + (table + 10) + ",225.1.1." + table + ")"), "table " + table + ": " + kernel);
            }
            for (String name : names) {
                assertEquals(0, new Smcroutectl(System.out, System.err, new ByteArrayInputStream(new byte[0])).run("-I", name, "kill"));
            }
            for (Process daemon : daemons) {
                assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
                assertEquals(0, daemon.exitValue());
            }
            for (String name : names) {
                assertFalse(Files.exists(Path.of("/run", name + ".pid")));
                assertFalse(Files.exists(Path.of("/run", name + ".sock")));
            }
        } finally {
            for (String name : names) {
                Files.deleteIfExists(Path.of("/run", name + ".pid"));
                Files.deleteIfExists(Path.of("/run", name + ".sock"));
            }
        }
    }

    @Test
    void aTableOwnedByAnotherRouterIsAClearStartupError() throws Exception {
        KernelTests.require(Files.isExecutable(C_DAEMON), "Debian's smcroute package is not installed");
        KernelTests.require(MulticastRouters.providers().stream().anyMatch(p -> p.name().equals("linux")),
                "the Linux provider (mcroute-linux) is not on the class path");
        Files.writeString(dir.resolve("empty.conf"), "");
        start(router.inside(C_DAEMON.toString(), "-n", "-f", dir.resolve("empty.conf").toString(), "-u",
                dir.resolve("c.sock").toString(), "-P", dir.resolve("c.pid").toString()), dir.resolve("c.log"));
        awaitFile(dir.resolve("c.pid"));
        Process ours = start(router.inside(javaBin(), "-Dmcroute.provider=linux", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.mcroute.daemon.Smcrouted", "-n", "-f", dir.resolve("empty.conf").toString(), "-u",
                dir.resolve("our.sock").toString(), "-P", dir.resolve("our.pid").toString()), dir.resolve("our.log"));
        assertTrue(ours.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, ours.exitValue());
        String log = Files.readString(dir.resolve("our.log"));
        assertTrue(log.contains("]: cannot open multicast routing table 0: "), log);
        assertFalse(Files.exists(dir.resolve("our.pid")));
        assertFalse(Files.exists(dir.resolve("our.sock")));
    }

    private static String field(Path status, String name) throws IOException {
        return Files.readAllLines(status).stream().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .findFirst().orElseThrow();
    }
}
