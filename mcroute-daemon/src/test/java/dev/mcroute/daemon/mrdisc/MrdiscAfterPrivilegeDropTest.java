package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.daemon.privileges.KernelTestSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The daemon's sequence in a child JVM (open as root, drop to nobody, start): advertisements and
 * the final Termination still reach the neighbour, sent by a process without root.
 */
class MrdiscAfterPrivilegeDropTest {

    @Test
    @Timeout(120)
    void announcerOpenedAsRootKeepsWorkingAfterTheDrop() throws Exception {
        KernelTestSupport.requireRootAnd("ip");
        try (MrdiscTopology net = new MrdiscTopology()) {
            Process child = new ProcessBuilder(net.router().exec(KernelTestSupport.javaCommand(
                    MrdiscDaemonProbe.class, "nobody:nogroup", "r0")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("ready", out.readLine());
                for (int i = 0; i < MrdiscAnnouncer.MAX_INITIAL_ADVERTISEMENTS; i++) {
                    byte[] packet = net.nextFromRouter();
                    assertEquals(MrdiscMessage.ADVERTISEMENT, packet[24] & 0xff);
                    assertEquals(MrdiscAnnouncer.DEFAULT_INTERVAL_SECONDS, packet[25] & 0xff);
                }
                child.getOutputStream().close();
                assertEquals(MrdiscMessage.TERMINATION, net.nextFromRouter()[24] & 0xff);
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
            assertEquals(0, child.exitValue());
        }
    }
}
