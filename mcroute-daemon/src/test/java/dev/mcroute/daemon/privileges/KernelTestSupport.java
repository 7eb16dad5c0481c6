package dev.mcroute.daemon.privileges;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions, commands and network namespaces for the daemon's kernel tests (mrdisc uses it
 * too). A missing precondition skips the test, or fails it when MCROUTE_KERNEL_TESTS=required.
 */
public final class KernelTestSupport {

    private KernelTestSupport() {
    }

    /** Skips (or, when kernel tests are required, fails) unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if ("required".equals(System.getenv("MCROUTE_KERNEL_TESTS"))) {
            fail("MCROUTE_KERNEL_TESTS=required but " + reason);
        }
        Assumptions.abort(reason);
    }

    /** Requires root and the named programs on the PATH. */
    public static void requireRootAnd(String... programs) {
        require(isRoot(), "kernel test needs root (namespaces, raw sockets)");
        for (String program : programs) {
            require(onPath(program), program + " is not installed");
        }
    }

    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.startsWith("Uid:") && line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to completion; returns its stdout, fails with its stderr on a nonzero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The command that starts this test's class path in a new JVM running {@code mainClass}. */
    public static List<String> javaCommand(Class<?> mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Compiles {@code printed} (C expressions by name, e.g. {@code "sizeof(struct passwd)"}) with
     * gcc after {@code includes} and returns each expression's value. Skips without gcc.
     */
    public static java.util.Map<String, Long> cValues(List<String> includes, List<String> printed)
            throws IOException, InterruptedException {
        require(onPath("gcc"), "gcc is not installed (needed to read constants from the C headers)");
        Path dir = Files.createTempDirectory("mcroute-cvalues");
        try {
            StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
            includes.forEach(header -> c.append("#include <").append(header).append(">\n"));
            c.append("int main(void) {\n");
            printed.forEach(expression -> c.append("  printf(\"%lld\\n\", (long long) (").append(expression).append("));\n"));
            c.append("  return 0;\n}\n");
            Files.writeString(dir.resolve("values.c"), c);
            run("gcc", "-o", dir.resolve("values").toString(), dir.resolve("values.c").toString());
            String[] lines = run(dir.resolve("values").toString()).split("\n");
            java.util.Map<String, Long> values = new java.util.LinkedHashMap<>();
            for (int i = 0; i < printed.size(); i++) {
                values.put(printed.get(i), Long.parseLong(lines[i]));
            }
            return values;
        } finally {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** A network namespace named {@code mco-TAG-RANDOM}, deleted on close. */
    public static final class Namespace implements AutoCloseable {
        private final String name;

        public Namespace(String tag) throws IOException, InterruptedException {
            byte[] random = new byte[3];
            ThreadLocalRandom.current().nextBytes(random);
            name = "mco-" + tag + "-" + HexFormat.of().formatHex(random);
            run("ip", "netns", "add", name);
        }

        public String name() {
            return name;
        }

        /** Runs {@code ip -n NAME ARGS...}. */
        public String ip(String... args) throws IOException, InterruptedException {
            String[] command = new String[args.length + 3];
            command[0] = "ip";
            command[1] = "-n";
            command[2] = name;
            System.arraycopy(args, 0, command, 3, args.length);
            return run(command);
        }

        /** {@code command} prefixed with {@code ip netns exec NAME}. */
        public List<String> exec(List<String> command) {
            List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", name));
            full.addAll(command);
            return full;
        }

        @Override
        public void close() throws IOException {
            try {
                run("ip", "netns", "del", name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while deleting namespace " + name, e);
            }
        }
    }
}
