package dev.mcroute.daemon.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsTest {
    @TempDir
    Path dir;

    @Test
    void scriptValuesTravelOnlyAsEnvironment() throws Exception {
        Path marker = dir.resolve("pwned");
        Path out = dir.resolve("out");
        Path script = dir.resolve("hook");
        Files.writeString(script, "#!/bin/sh\nprintf '%s|%s|%s\\n' \"$1\" \"$source\" \"$group\" > " + out + "\n");
        script.toFile().setExecutable(true);
        String evil = "$(touch " + marker + "); `touch " + marker + "`";
        Process process = new ScriptRunner(script.toString(), e -> { }).install(evil, "225.1.2.3");
        assertEquals(0, process.waitFor());
        assertEquals("install|" + evil + "|225.1.2.3\n", Files.readString(out));
        assertFalse(Files.exists(marker));
    }

    @Test
    void scriptThatCannotStartIsReported() {
        StringBuilder error = new StringBuilder();
        assertNull(new ScriptRunner(dir.resolve("missing").toString(), error::append).reload());
        assertTrue(error.toString().startsWith("cannot run script " + dir.resolve("missing") + " reload: "), error.toString());
    }

    @Test
    void pidFileHoldsThePidAndIsRemovedOnlyIfOurs() throws IOException {
        PidFile pid = new PidFile(dir.resolve("x.pid"));
        Files.writeString(pid.path(), "99999999\n"); // stale
        pid.write();
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pid.path()));
        pid.remove();
        assertFalse(Files.exists(pid.path()));
        Files.writeString(pid.path(), "1\n");
        pid.remove();
        assertTrue(Files.exists(pid.path()), "someone else's PID file stays");
    }

    /** libc calls to receive a datagram, which the JDK cannot. */
    interface Receiver extends com.sun.jna.Library {
        Receiver INSTANCE = com.sun.jna.Native.load("c", Receiver.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        long recv(int fd, byte[] buffer, long length, int flags);

        int close(int fd);
    }

    private static String roundTrip(String notifySocket) {
        Receiver libc = Receiver.INSTANCE;
        int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM, 0);
        try {
            byte[] address = SdNotify.address(notifySocket);
            assertEquals(0, libc.bind(fd, address, address.length), "bind " + notifySocket);
            assertEquals(Optional.empty(), SdNotify.notify(Optional.of(notifySocket), "READY=1"));
            byte[] buffer = new byte[64];
            long n = libc.recv(fd, buffer, buffer.length, 0x40 /* MSG_DONTWAIT: it is already queued */);
            return new String(buffer, 0, (int) Math.max(n, 0), StandardCharsets.UTF_8);
        } finally {
            libc.close(fd);
        }
    }

    @Test
    void sdNotifyDeliversADatagramToPathAndAbstractSockets() {
        assertEquals("READY=1", roundTrip(dir.resolve("notify").toString()));
        assertEquals("READY=1", roundTrip("@mcd-test-" + ProcessHandle.current().pid()));
        assertArrayEquals(new byte[] {1, 0, 0, 'n', 'o', 't', 'i', 'f', 'y'}, SdNotify.address("@notify"));
        assertNull(SdNotify.address("relative"));
        assertEquals(Optional.empty(), SdNotify.notify(Optional.empty(), "READY=1"));
        assertTrue(SdNotify.notify(Optional.of(dir.resolve("nobody").toString()), "READY=1").orElseThrow()
                .startsWith("sd_notify: sendto(" + dir.resolve("nobody") + ") failed, errno "));
    }

    @Test
    void aSignalIgnoredAtStartIsReportedAsNotHandled() throws Exception {
        assertEquals("handled", signalsProbe("env", "--default-signal=HUP"));
        assertEquals("ignored", signalsProbe("nohup"));
    }

    private static String signalsProbe(String... prefix) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SignalsProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor());
        return out;
    }

    @Test
    void hupReachesTheHandler() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        Signals.handle("HUP", got::countDown);
        new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        assertTrue(got.await(10, TimeUnit.SECONDS));
    }
}
