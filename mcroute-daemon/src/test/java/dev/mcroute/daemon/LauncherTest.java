package dev.mcroute.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.IpPrefix;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dist's launchers and their class-data sharing archive ({@code src/main/dist/lib/cds.sh}),
 * run as the dist lays them out: {@code bin/smcroutectl} over jars built from this build's classes.
 */
class LauncherTest {
    private static final String SHARED = "dev.mcroute.daemon.Smcroutectl source: shared objects file";

    @TempDir
    Path dist;

    @Test
    void theArchiveIsMadeOnTheFirstRunUsedAfterwardsAndMadeAgainForAReplacedJar() throws Exception {
        Path launcher = install("smcroutectl");
        Path daemonJar = dist.resolve("lib/mcroute-daemon.jar");
        jar(classes(Smcroutectl.class), daemonJar, "first");
        jar(classes(IpPrefix.class), dist.resolve("lib/mcroute-api.jar"), "api");
        Path archive = dist.resolve("lib/smcroutectl.jsa");

        run(launcher, "");
        assertTrue(Files.exists(archive), "the first run writes the archive");
        assertTrue(run(launcher, "-Xlog:class+load=info").contains(SHARED), "the second run uses it");

        // an upgrade: new jar content with a modification time older than the archive
        FileTime made = Files.getLastModifiedTime(archive);
        Thread.sleep(1100); // status-change times of whole seconds on some file systems
        jar(classes(Smcroutectl.class), daemonJar, "second");
        Files.setLastModifiedTime(daemonJar, FileTime.from(Instant.now().minusSeconds(3600)));

        run(launcher, "");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(made) > 0, "the stale archive is made again");
        assertTrue(run(launcher, "-Xlog:class+load=info").contains(SHARED),
                "the new archive is used: the JVM would have ignored the stale one's classes");
    }

    @Test
    void aPackagesLinksAreFollowedToTheJarsTheyName() throws Exception {
        // lib a link to the package's directory, a jar in it a link to where the system keeps jars
        Path packaged = Files.createDirectories(dist.resolve("usr/share/mcroute/lib"));
        Path systemJars = Files.createDirectories(dist.resolve("usr/share/java"));
        Files.createSymbolicLink(dist.resolve("lib"), packaged);
        Path launcher = install("smcroutectl");
        Path daemonJar = systemJars.resolve("mcroute-daemon.jar");
        jar(classes(Smcroutectl.class), daemonJar, "first");
        Files.createSymbolicLink(packaged.resolve("mcroute-daemon.jar"), daemonJar);
        jar(classes(IpPrefix.class), packaged.resolve("mcroute-api.jar"), "api");
        Path archive = packaged.resolve("smcroutectl.jsa");

        run(launcher, "");
        assertTrue(Files.exists(archive), "the first run writes the archive");
        FileTime made = Files.getLastModifiedTime(archive);
        Thread.sleep(1100);
        jar(classes(Smcroutectl.class), daemonJar, "second"); // the system's jar upgraded
        Files.setLastModifiedTime(daemonJar, FileTime.from(Instant.now().minusSeconds(3600)));

        run(launcher, "");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(made) > 0, "the stale archive is made again");
        assertTrue(run(launcher, "-Xlog:class+load=info").contains(SHARED), "and used");
    }

    /**
     * The daemon's launcher hands HUP, INT and TERM to the JVM in their default state, also when
     * its caller ignored them ({@code nohup}, a script's background): HotSpot leaves an ignored
     * signal ignored. A stand-in for java prints the mask of ignored signals that it started with.
     */
    @Test
    void theDaemonLauncherResetsIgnoredStopAndReloadSignals() throws Exception {
        Path launcher = install("smcrouted");
        Path java = dist.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec grep SigIgn /proc/self/status\n");
        java.toFile().setExecutable(true);

        long hupIntTerm = 1L | 1L << 1 | 1L << 14;
        assertEquals(0, ignoredSignals(java, launcher.toString()) & hupIntTerm);
        assertEquals(0, ignoredSignals(java, "nohup", launcher.toString()) & hupIntTerm);
        // sh starts a background command with INT and QUIT ignored; QUIT is left as it was
        long background = ignoredSignals(java, "sh", "-c", launcher + " & wait");
        assertEquals(0, background & hupIntTerm);
        assertEquals(1L << 2, background & 1L << 2);
    }

    private static long ignoredSignals(Path java, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA", java.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.startsWith("SigIgn:"), output);
        return Long.parseUnsignedLong(output.substring("SigIgn:".length()).strip(), 16);
    }

    /** Lays out {@code bin/NAME} and {@code lib/cds.sh} as the dist does; returns the launcher. */
    private Path install(String name) throws IOException {
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        Path launcher = dist.resolve("bin").resolve(name);
        Files.copy(Path.of("src/main/dist/bin").resolve(name), launcher);
        launcher.toFile().setExecutable(true);
        Files.copy(Path.of("src/main/dist/lib/cds.sh"), dist.resolve("lib/cds.sh"));
        return launcher;
    }

    /** Runs {@code smcroutectl -v}, which needs no daemon, and returns its output. */
    private String run(Path launcher, String javaOptions) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "-v").redirectErrorStream(true);
        builder.environment().put("JAVA", ProcessHandle.current().info().command().orElseThrow());
        builder.environment().put("MCROUTE_JAVA_OPTS", javaOptions);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("mcroute "), output);
        return output;
    }

    private static Path classes(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Jars a class directory (or copies a jar), with one marker entry that makes each jar differ. */
    private static void jar(Path classes, Path jar, String marker) throws IOException {
        if (Files.isRegularFile(classes)) {
            Files.copy(classes, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("marker-" + marker));
            out.write(marker.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
