package dev.mcroute.testkit.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides whether kernel tests can run: they need Linux, root and iproute2. Without them a test
 * is skipped with the reason, unless the environment variable {@value #ENV} is {@code required}
 * (as in CI): then it fails.
 */
public final class KernelTestPreconditions {
    /** The environment variable that turns a missing precondition into a failure. */
    public static final String ENV = "MCROUTE_KERNEL_TESTS";

    private KernelTestPreconditions() {
    }

    /** Skips (or, when required, fails) the calling test unless kernel tests can run here. */
    public static void require() {
        Optional<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        if ("required".equals(System.getenv(ENV))) {
            Assertions.fail("kernel tests are required (" + ENV + "=required) but " + missing.get());
        }
        Assumptions.abort("kernel test skipped: " + missing.get());
    }

    /** @return why kernel tests cannot run here, or empty if they can */
    public static Optional<String> missing() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return Optional.of("this is not Linux");
        }
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+\\d+\\s+0\\s.*"));
            if (!root) {
                return Optional.of("the tests are not running as root (they create network namespaces)");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        try {
            Commands.run("ip", "-V");
        } catch (RuntimeException e) {
            return Optional.of("iproute2 ('ip') is not available: " + e.getMessage());
        }
        return Optional.empty();
    }
}
