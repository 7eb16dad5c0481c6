package dev.mcroute.daemon.privileges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PrivilegeDropTest {

    private static final String NET_ADMIN_ONLY = "0000000000001000";
    private static final String NONE = "0000000000000000";

    @Test
    void unknownUserIsNamed() {
        PrivilegeDropException e = assertThrows(PrivilegeDropException.class,
                () -> PrivilegeDrop.resolve("mcroute-no-such-user"));
        assertEquals("unknown user 'mcroute-no-such-user'", e.getMessage());
    }

    @Test
    void unknownGroupIsNamed() {
        PrivilegeDropException e = assertThrows(PrivilegeDropException.class,
                () -> PrivilegeDrop.resolve("root:mcroute-no-such-group"));
        assertEquals("unknown group 'mcroute-no-such-group'", e.getMessage());
    }

    @Test
    void emptyUserOrGroupIsRejected() {
        for (String bad : List.of("", ":root", "root:")) {
            PrivilegeDropException e = assertThrows(PrivilegeDropException.class, () -> PrivilegeDrop.resolve(bad));
            assertEquals("invalid user '" + bad + "': expected USER or USER:GROUP", e.getMessage());
        }
    }

    @Test
    void userAloneSwitchesToItsPrimaryGroup() throws Exception {
        KernelTestSupport.require(KernelTestSupport.onPath("getent"), "getent is not installed");
        String[] passwd = KernelTestSupport.run("getent", "passwd", "root").trim().split(":");
        String[] group = KernelTestSupport.run("getent", "group", passwd[3]).trim().split(":");
        assertEquals(new UnixIdentity("root", Integer.parseInt(passwd[2]), group[0], Integer.parseInt(passwd[3])),
                PrivilegeDrop.resolve("root"));
    }

    @Test
    void userAndGroupResolveToTheirIds() throws Exception {
        KernelTestSupport.require(KernelTestSupport.onPath("getent"), "getent is not installed");
        String[] passwd = KernelTestSupport.run("getent", "passwd", "nobody").trim().split(":");
        String[] group = KernelTestSupport.run("getent", "group", "nogroup").trim().split(":");
        assertEquals(new UnixIdentity("nobody", Integer.parseInt(passwd[2]), "nogroup", Integer.parseInt(group[2])),
                PrivilegeDrop.resolve("nobody:nogroup"));
    }

    /**
     * A child JVM in its own namespace opens a raw IGMP socket and does MRT_INIT as root, drops to
     * nobody:nogroup, and then: adds a VIF on that socket, sets an interface up with SIOCSIFFLAGS
     * (needs CAP_NET_ADMIN) from its own thread and from a thread started after the drop, fails to
     * open a new raw socket (CAP_NET_RAW is gone) and to read /etc/shadow. Meanwhile this test
     * reads /proc/PID/status and every /proc/PID/task/TID/status of the child.
     */
    @Test
    @Timeout(120)
    void dropLeavesCapNetAdminAloneAndNoRoot() throws Exception {
        KernelTestSupport.requireRootAnd("ip");
        KernelTestSupport.require(Files.isDirectory(Path.of("/proc/self/task")), "no /proc");
        UnixIdentity nobody = PrivilegeDrop.resolve("nobody:nogroup");
        try (KernelTestSupport.Namespace ns = new KernelTestSupport.Namespace("priv")) {
            ns.ip("link", "add", "pa", "type", "veth", "peer", "name", "pb");
            Process child = new ProcessBuilder(ns.exec(KernelTestSupport.javaCommand(
                    PrivilegeDropProbe.class, "nobody:nogroup", "pa", "pb")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, String> report = new HashMap<>();
            Map<String, Map<String, String>> tasks;
            int exitCode;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                    String[] words = line.split(" ", 2);
                    report.put(words[0], words.length > 1 ? words[1] : "");
                }
                assertNotNull(report.get("pid"), "child ended before the drop: " + report);
                tasks = taskStatus(Long.parseLong(report.get("pid")));
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
                exitCode = child.exitValue();
            }
            assertEquals(0, exitCode, "the child JVM, after borrowing its leader thread, exits normally");

            for (String check : List.of("mrt-init", "mrt-add-vif", "ifup-caller", "ifup-new-thread",
                    "raw-socket-denied", "shadow-denied")) {
                assertEquals("yes", report.get(check), check + " in " + report);
            }
            assertTrue(flags(ns, "pa").contains("UP"), "SIOCSIFFLAGS from the caller did not set pa up");
            assertTrue(flags(ns, "pb").contains("UP"), "SIOCSIFFLAGS from a new thread did not set pb up");

            String ids = " " + nobody.uid() + " " + nobody.uid() + " " + nobody.uid() + " " + nobody.uid();
            String gids = " " + nobody.gid() + " " + nobody.gid() + " " + nobody.gid() + " " + nobody.gid();
            for (Map.Entry<String, Map<String, String>> task : tasks.entrySet()) {
                Map<String, String> status = task.getValue();
                assertEquals(ids.trim(), status.get("Uid"), "Uid of task " + task.getKey());
                assertEquals(gids.trim(), status.get("Gid"), "Gid of task " + task.getKey());
                assertEquals(String.valueOf(nobody.gid()), status.get("Groups"), "Groups of task " + task.getKey());
                assertTrue(Set.of(NET_ADMIN_ONLY, NONE).contains(status.get("CapEff")), "CapEff " + status);
                assertEquals(status.get("CapEff"), status.get("CapPrm"), "CapPrm of task " + task.getKey());
                assertEquals(NONE, status.get("CapInh"), "CapInh of task " + task.getKey());
                assertEquals(NONE, status.get("CapAmb"), "CapAmb of task " + task.getKey());
            }
            for (String thatMatters : List.of(report.get("pid"), report.get("caller-tid"))) {
                Map<String, String> status = tasks.get(thatMatters);
                assertNotNull(status, "no task " + thatMatters + " in " + tasks.keySet());
                assertEquals(NET_ADMIN_ONLY, status.get("CapEff"), "CapEff of task " + thatMatters);
                assertEquals(NET_ADMIN_ONLY, status.get("CapPrm"), "CapPrm of task " + thatMatters);
            }
            assertFalse(tasks.isEmpty());
        }
    }

    private static String flags(KernelTestSupport.Namespace ns, String link) throws Exception {
        String line = ns.ip("-o", "link", "show", link);
        return line.substring(line.indexOf('<') + 1, line.indexOf('>'));
    }

    /** TID to the status fields of that task, as the kernel shows them to an outside reader. */
    private static Map<String, Map<String, String>> taskStatus(long pid) throws IOException {
        Map<String, Map<String, String>> tasks = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path dir : dirs.toList()) {
                Map<String, String> fields = new HashMap<>();
                List<String> lines;
                try {
                    lines = Files.readAllLines(dir.resolve("status"));
                } catch (NoSuchFileException ended) {
                    continue; // a JVM thread (e.g. a compiler thread) ended after the listing
                }
                for (String line : lines) {
                    int colon = line.indexOf(':');
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim().replaceAll("\\s+", " "));
                }
                tasks.put(dir.getFileName().toString(), fields);
            }
        }
        return tasks;
    }
}
