package dev.mcroute.daemon.os;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the {@code -e} script: {@code CMD reload} after the config is (re)loaded, {@code CMD
 * install} with {@code source} and {@code group} in the environment after a (*,G) route is
 * installed. The values travel only as environment variables and the command is executed
 * directly, never through a shell, so no address text can become a command. Runs in the
 * background; the exit status is logged.
 */
public final class ScriptRunner {
    private final String command;
    private final Consumer<String> log;

    /**
     * @param command the executable
     * @param log     where failures are reported
     */
    public ScriptRunner(String command, Consumer<String> log) {
        this.command = command;
        this.log = log;
    }

    /**
     * Runs {@code CMD reload}.
     *
     * @return the started process, or null if it could not start
     */
    public Process reload() {
        return run("reload", Map.of());
    }

    /**
     * Runs {@code CMD install} with {@code source} and {@code group} set.
     *
     * @param source the source address text
     * @param group  the group address text
     * @return the started process, or null if it could not start
     */
    public Process install(String source, String group) {
        return run("install", Map.of("source", source, "group", group));
    }

    private Process run(String argument, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command, argument))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("source");
        builder.environment().remove("group");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    log.accept("script " + command + " " + argument + " exited with status " + done.exitValue());
                }
            });
            return process;
        } catch (IOException e) {
            log.accept("cannot run script " + command + " " + argument + ": " + e.getMessage());
            return null;
        }
    }
}
