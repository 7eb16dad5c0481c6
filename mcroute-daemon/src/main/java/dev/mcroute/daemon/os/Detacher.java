package dev.mcroute.daemon.os;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Going to the background without fork(2): the JVM starts itself again in a new session
 * ({@code setsid}), with the same JVM options, class path and arguments, stdio on /dev/null
 * and a marker in the environment so the child logs to syslog and stays put. The parent exits.
 */
public final class Detacher {
    private Detacher() {
    }

    /**
     * @param mainClass the program's main class
     * @param args   the original arguments of the main class
     * @param marker environment variable set in the child
     * @param err    where a failure to start is reported
     * @return the parent's exit status: 0 if the child started
     */
    public static int respawn(String mainClass, String[] args, String marker, PrintStream err) {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(marker, "1");
        try {
            builder.start();
            return 0;
        } catch (IOException e) {
            err.println("smcrouted: cannot go to the background: " + e.getMessage());
            return 1;
        }
    }
}
