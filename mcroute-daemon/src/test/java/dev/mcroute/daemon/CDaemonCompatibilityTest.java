package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our smcroutectl against Debian's C smcrouted in a network namespace: for every command, the
 * same output, error text and exit status as the C smcroutectl.
 */
class CDaemonCompatibilityTest {
    private static final Path C_DAEMON = Path.of("/usr/sbin/smcrouted");
    private static final Path C_CLIENT = Path.of("/usr/sbin/smcroutectl");

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result ours(Path socket, String... args) {
        return oursWithInput(socket, "", args);
    }

    private Result oursWithInput(Path socket, String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("-u", socket.toString()));
        command.addAll(List.of(args));
        int status = new Smcroutectl(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .run(command.toArray(String[]::new));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result theirs(Path socket, String... args) throws Exception {
        return theirsWithInput(socket, "", args);
    }

    private static Result theirsWithInput(Path socket, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(C_CLIENT.toString(), "-u", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // the C client probes the terminal size on stderr; that is not output
        return new Result(process.waitFor(), out, err.replace("\0337\033[r\033[999;999H\033[6n\0338", ""));
    }

    @Test
    void ourClientMatchesTheCClientAgainstTheCDaemon() throws Exception {
        KernelTests.requireNetns();
        KernelTests.require(Files.isExecutable(C_DAEMON) && Files.isExecutable(C_CLIENT),
                "Debian's smcroute package is not installed");
        Path conf = dir.resolve("c.conf");
        Files.writeString(conf, new String(Golden.bytes("c1.conf"), StandardCharsets.UTF_8));
        Path socket = dir.resolve("c.sock");
        Path pid = dir.resolve("c.pid");
        try (KernelTests.Netns ns = new KernelTests.Netns("cc")) {
            ns.veth("a0", "a1");
            ns.veth("b0", "b1");
            Process daemon = new ProcessBuilder(ns.inside(C_DAEMON.toString(), "-n", "-f", conf.toString(), "-u",
                    socket.toString(), "-P", pid.toString(), "-l", "err")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("daemon.log").toFile()).start();
            try {
                for (int i = 0; i < 100 && !Files.exists(pid); i++) {
                    Thread.sleep(50);
                }
                List<List<String>> shows = List.of(List.of("show"), List.of("-p", "show"), List.of("-t", "show"),
                        List.of("-d", "show"), List.of("-pd", "show", "routes"), List.of("show", "groups"),
                        List.of("-d", "show", "groups"), List.of("-p", "show", "interfaces"),
                        List.of("add", "nosuch", "225.1.1.1", "b0"));
                for (List<String> args : shows) {
                    String[] words = args.toArray(String[]::new);
                    assertEquals(theirs(socket, words), ours(socket, words), "smcroutectl " + String.join(" ", args));
                }
                for (List<String> change : List.of(List.of("add", "a0", "10.0.0.9", "225.1.1.1", "b0"),
                        List.of("join", "a0", "225.6.6.6"), List.of("leave", "a0", "225.6.6.6"), List.of("flush"))) {
                    assertEquals(new Result(0, "", ""), ours(socket, change.toArray(String[]::new)), change.toString());
                    assertEquals(theirs(socket, "-p", "show"), ours(socket, "-p", "show"), "show after " + change);
                    assertEquals(theirs(socket, "-d", "show", "groups"), ours(socket, "-d", "show", "groups"));
                }
                // the C daemon answers one request per connection: a batch still gets every answer
                String batch = "add a0 10.0.0.7 225.1.1.7 b0\nadd nosuch 225.1.1.1 b0\njoin a0 225.7.7.7\nshow groups\n"
                        + "leave a0 225.7.7.7\nremove a0 10.0.0.7 225.1.1.7\n";
                assertEquals(theirsWithInput(socket, batch, "-b"), oursWithInput(socket, batch, "-b"), batch);
                assertEquals(true, ours(socket, "-t", "show").out().contains("(10.0.0.9, 225.1.1.1)"));
                assertEquals(new Result(0, "", ""), ours(socket, "remove", "a0", "10.0.0.9", "225.1.1.1"));
                assertEquals(theirs(socket, "-t", "show"), ours(socket, "-t", "show"));
                assertEquals(new Result(0, "", ""), ours(socket, "kill"));
                daemon.waitFor();
            } finally {
                daemon.destroy();
                daemon.waitFor();
            }
        }
    }
}
