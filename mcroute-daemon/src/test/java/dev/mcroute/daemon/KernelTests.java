package dev.mcroute.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that need root, network namespaces or Debian's smcroute: they skip
 * with the reason, or fail when {@code MCROUTE_KERNEL_TESTS=required}.
 */
public final class KernelTests {
    private KernelTests() {
    }

    /**
     * @param holds  whether the precondition holds
     * @param reason what is missing
     */
    public static void require(boolean holds, String reason) {
        if ("required".equals(System.getenv("MCROUTE_KERNEL_TESTS"))) {
            Assertions.assertTrue(holds, "MCROUTE_KERNEL_TESTS=required but " + reason);
        } else {
            Assumptions.assumeTrue(holds, reason);
        }
    }

    /** Requires root and iproute2. */
    public static void requireNetns() {
        require("root".equals(System.getProperty("user.name")), "not root: network namespaces need root");
        require(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "iproute2 (ip) is not installed");
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command the command
     * @return its standard output
     * @throws IOException if it fails, with its output
     */
    public static String run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A network namespace of this module's tests ({@code mcd-} prefix), deleted on close. */
    public static final class Netns implements AutoCloseable {
        private final String name;

        /**
         * @param suffix unique part of the name
         * @throws IOException if it cannot be created
         */
        public Netns(String suffix) throws IOException {
            this.name = "mcd-" + suffix + "-" + ProcessHandle.current().pid();
            run("ip", "netns", "add", name);
            run("ip", "-n", name, "link", "set", "lo", "up");
        }

        /** @return the namespace name */
        public String name() {
            return name;
        }

        /**
         * @param first the veth end to create
         * @param peer  its peer, in the same namespace
         * @throws IOException if iproute2 fails
         */
        public void veth(String first, String peer) throws IOException {
            run("ip", "-n", name, "link", "add", first, "type", "veth", "peer", "name", peer);
            run("ip", "-n", name, "link", "set", first, "up");
            run("ip", "-n", name, "link", "set", peer, "up");
        }

        /**
         * @param command a command
         * @return the command run inside the namespace
         */
        public List<String> inside(String... command) {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
            full.addAll(List.of(command));
            return full;
        }

        @Override
        public void close() throws IOException {
            run("ip", "netns", "del", name);
        }
    }
}
