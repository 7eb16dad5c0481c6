package dev.mcroute.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a command line (iproute2 and friends) and returns its output, failing with its stderr. */
public final class Commands {
    private Commands() {
    }

    /**
     * @param command the program and its arguments
     * @return what it wrote to standard output
     * @throws IllegalStateException if it exits with a non-zero status
     */
    public static String run(String... command) {
        return run(List.of(command));
    }

    /**
     * @param command the program and its arguments
     * @return what it wrote to standard output
     * @throws IllegalStateException if it exits with a non-zero status
     */
    public static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            // a thread for stderr so that neither pipe can fill up and block the child
            CompletableFuture<byte[]> errors = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    errors.complete(process.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    errors.completeExceptionally(e);
                }
            });
            reader.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            int status = process.waitFor();
            byte[] stderr = errors.join();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": "
                        + new String(stderr, StandardCharsets.UTF_8).trim());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
