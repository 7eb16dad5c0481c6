package dev.mcroute.daemon.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcroute.daemon.FakeRouter;
import dev.mcroute.daemon.config.ConfigParser;
import dev.mcroute.daemon.config.ConfigProblem;
import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.ipc.CommandDispatcher;
import dev.mcroute.daemon.ipc.IpcDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fuzz targets. In a normal build they run their corpus (src/test/resources/.../FuzzTargetsTestInputs);
 * {@code JAZZER_FUZZ=1 mvn -pl mcroute-daemon -am verify -Dtest=FuzzTargetsTest} fuzzes each for
 * its maxDuration and adds crashing inputs to the corpus directory.
 */
class FuzzTargetsTest {
    /** A directory of its own, so that {@code include *} only ever finds the fuzzed file itself. */
    private static final Path DIR;
    private static final Path CONFIG;

    static {
        try {
            DIR = Files.createTempDirectory("mcd-fuzz");
            CONFIG = DIR.resolve("fuzz.conf");
            DIR.toFile().deleteOnExit();
            CONFIG.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any byte stream: the decoder returns results, the dispatcher answers each, nothing throws. */
    @FuzzTest(maxDuration = "60s")
    void ipcStreamIsAlwaysAnswered(byte[] stream) {
        IpcDecoder decoder = new IpcDecoder();
        CommandDispatcher dispatcher = new CommandDispatcher(new FakeRouter(), Runnable::run, e -> { });
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (true) {
            decoder.feed(in);
            Optional<IpcDecoder.Result> next = decoder.next();
            if (next.isEmpty()) {
                if (!in.hasRemaining()) {
                    break;
                }
                continue;
            }
            if (next.get() instanceof IpcDecoder.Decoded decoded) {
                byte[] reply = dispatcher.handle(decoded.message()).join();
                assertTrue(reply.length > 0 && reply[reply.length - 1] == 0, "reply ends in NUL");
                String text = new String(reply, StandardCharsets.UTF_8);
                assertFalse(text.startsWith("Internal error"), text);
            } else if (((IpcDecoder.Malformed) next.get()).fatal()) {
                break;
            }
        }
        decoder.endOfStream();
    }

    /**
     * Any file: every line is either a directive or a problem naming its file and line. Inputs
     * whose includes could leave {@link #DIR} are skipped: the fuzzer must not read the machine's
     * files (a /proc entry can block); includes within the directory still exercise globs and cycles.
     */
    @FuzzTest(maxDuration = "60s")
    void configFileIsAlwaysParsed(byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.contains("include") && (text.contains("/") || text.contains(".."))) {
            return;
        }
        Files.write(CONFIG, content);
        ConfigResult result = ConfigParser.parse(CONFIG);
        for (ConfigProblem problem : result.problems()) {
            assertEquals(CONFIG, problem.origin().file(), problem.toString());
            assertTrue(problem.origin().line() > 0, problem.toString());
        }
    }
}
