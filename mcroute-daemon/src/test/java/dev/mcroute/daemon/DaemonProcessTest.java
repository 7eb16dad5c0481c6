package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smcrouted as a separate JVM on the testkit's mock kernel ({@code -Dmcroute.provider=mock}):
 * readiness, signals, the PID file and the socket, detaching, identities.
 */
class DaemonProcessTest {
    @TempDir
    Path dir;

    private static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmcroute.provider=mock", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static long pidIn(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Test
    void hupReloadsTermExitsCleanly() throws Exception {
        Path conf = dir.resolve("p.conf");
        Files.writeString(conf, "mroute from eth0 group 225.1.2.3 to eth1\n");
        Path socket = dir.resolve("p.sock");
        Path pid = dir.resolve("p.pid");
        Path hookLog = dir.resolve("hook.log");
        Path hook = dir.resolve("hook");
        Files.writeString(hook, "#!/bin/sh\necho \"$1\" >> " + hookLog + "\n");
        hook.toFile().setExecutable(true);
        Process daemon = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", "-n", "-l", "debug", "-f", conf.toString(),
                "-u", socket.toString(), "-P", pid.toString(), "-e", hook.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        try {
            assertTrue(waitFor(() -> Files.exists(pid)), "PID file never appeared");
            assertEquals(daemon.pid(), pidIn(pid));
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertTrue(waitFor(() -> lines(hookLog) == 1));

            Files.setLastModifiedTime(pid, FileTime.fromMillis(0));
            KernelTests.run("kill", "-HUP", Long.toString(daemon.pid()));
            assertTrue(waitFor(() -> lines(hookLog) == 2), "no reload after SIGHUP");
            assertTrue(waitFor(() -> mtime(pid) > 0), "PID file not touched after reload");

            KernelTests.run("kill", "-TERM", Long.toString(daemon.pid()));
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("log")));
            assertFalse(Files.exists(pid));
            assertFalse(Files.exists(socket));
            String log = Files.readString(dir.resolve("log"));
            assertTrue(log.contains("]: Reloading " + conf), log);
            assertTrue(log.contains("]: Exiting."), log);
        } finally {
            daemon.destroyForcibly().waitFor();
        }
    }

    @Test
    void afterKillDashNineTheStalePidFileAndSocketDoNotStopANewDaemon() throws Exception {
        Path socket = dir.resolve("k.sock");
        Path pid = dir.resolve("k.pid");
        String[] args = {"-n", "-f", dir.resolve("none.conf").toString(), "-u", socket.toString(), "-P", pid.toString()};
        Process first = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", args)).start();
        assertTrue(waitFor(() -> Files.exists(pid)));
        first.destroyForcibly().waitFor(); // SIGKILL: nothing is cleaned up
        assertTrue(Files.exists(pid) && Files.exists(socket));
        Process second = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", args)).start();
        try {
            assertTrue(waitFor(() -> pidIn(pid) == second.pid()), "the new daemon never became ready");
            Process ctl = new ProcessBuilder(java("dev.mcroute.daemon.Smcroutectl", "-u", socket.toString(), "kill")).start();
            assertEquals(0, ctl.waitFor());
            assertTrue(second.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue());
        } finally {
            second.destroyForcibly();
        }
    }

    @Test
    void withoutDashNItDetachesAndKeepsRunning() throws Exception {
        Path socket = dir.resolve("bg.sock");
        Path pid = dir.resolve("bg.pid");
        Process parent = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", "-f", dir.resolve("none.conf").toString(),
                "-u", socket.toString(), "-P", pid.toString())).redirectErrorStream(true).start();
        assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, parent.exitValue(), new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(waitFor(() -> Files.exists(pid)), "the detached daemon never became ready");
        long child = pidIn(pid);
        try {
            assertTrue(child != parent.pid() && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
            Process ctl = new ProcessBuilder(java("dev.mcroute.daemon.Smcroutectl", "-u", socket.toString(), "kill")).start();
            assertEquals(0, ctl.waitFor());
            assertTrue(waitFor(() -> !Files.exists(pid) && !Files.exists(socket)));
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void twoIdentitiesOnTwoTablesRunSideBySide() throws Exception {
        KernelTests.require("root".equals(System.getProperty("user.name")), "not root: identities live in /run");
        String one = "mcd-t1-" + ProcessHandle.current().pid();
        String two = "mcd-t2-" + ProcessHandle.current().pid();
        Process first = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", "-n", "-I", one, "-t", "1")).start();
        Process second = new ProcessBuilder(java("dev.mcroute.daemon.Smcrouted", "-n", "-i", two, "-t", "2")).start();
        try {
            assertTrue(waitFor(() -> Files.exists(Path.of("/run", one + ".pid")) && Files.exists(Path.of("/run", two + ".pid"))));
            assertEquals(first.pid(), pidIn(Path.of("/run", one + ".pid")));
            assertEquals(second.pid(), pidIn(Path.of("/run", two + ".pid")));
            for (String name : List.of(one, two)) {
                Process ctl = new ProcessBuilder(java("dev.mcroute.daemon.Smcroutectl", "-I", name, "kill")).start();
                assertEquals(0, ctl.waitFor());
            }
            assertTrue(first.waitFor(20, TimeUnit.SECONDS) && second.waitFor(20, TimeUnit.SECONDS));
            assertFalse(Files.exists(Path.of("/run", one + ".sock")));
            assertFalse(Files.exists(Path.of("/run", two + ".pid")));
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
