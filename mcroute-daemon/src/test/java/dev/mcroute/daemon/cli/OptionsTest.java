package dev.mcroute.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void daemonDefaultsComeFromTheIdentity() {
        DaemonOptions o = DaemonOptions.parse();
        assertFalse(o.foreground());
        assertTrue(o.logsToSyslog());
        assertEquals(60, o.cacheTimeout());
        assertEquals(20, o.mrdiscInterval());
        assertEquals(LogLevel.NOTICE, o.logLevel());
        assertEquals(Path.of("/etc/smcroute.conf"), o.configFile());
        assertEquals(Path.of("/run/smcroute.pid"), o.pidFile());
        assertEquals(Path.of("/run/smcroute.sock"), o.socketFile());
        assertEquals(0, o.table());

        DaemonOptions named = DaemonOptions.parse("-I", "mrt1");
        assertEquals(Path.of("/etc/mrt1.conf"), named.configFile());
        assertEquals(Path.of("/run/mrt1.pid"), named.pidFile());
        assertEquals(Path.of("/run/mrt1.sock"), named.socketFile());
        assertEquals("mrt1", DaemonOptions.parse("-imrt1").identity().name());
    }

    @Test
    void daemonFlagsCombineAndTakeArgumentsAttachedOrSeparate() {
        DaemonOptions o = DaemonOptions.parse("-nNs", "-ldebug", "-c", "0", "-d5", "-e", "/bin/hook", "-f", "/x.conf",
                "-m", "30", "-p", "nobody:nogroup", "-P", "/tmp/x.pid", "-t", "123", "-u", "/tmp/x.sock", "-i", "foo");
        assertTrue(o.foreground());
        assertTrue(o.syslog());
        assertEquals(LogLevel.DEBUG, o.logLevel());
        assertEquals(0, o.cacheTimeout());
        assertEquals(5, o.startupDelay());
        assertEquals(Optional.of("/bin/hook"), o.script());
        assertEquals(Path.of("/x.conf"), o.configFile());
        assertEquals(30, o.mrdiscInterval());
        assertEquals(Optional.of("nobody:nogroup"), o.user());
        assertEquals(Path.of("/tmp/x.pid"), o.pidFile());
        assertEquals(123, o.table());
        assertEquals(Path.of("/tmp/x.sock"), o.socketFile());
        assertEquals(Path.of("/etc/foo.conf"), DaemonOptions.parse("-i", "foo").configFile());
        assertEquals(LogLevel.INFO, DaemonOptions.parse("-l", "info").logLevel());
        assertEquals(Optional.of(Path.of("/a.conf")), DaemonOptions.parse("-F/a.conf").checkFile());
        assertTrue(DaemonOptions.parse("-h").help());
        assertTrue(DaemonOptions.parse("-v").version());
        assertTrue(DaemonOptions.parse("-nl", "err").foreground());
    }

    @Test
    void daemonErrorsNameTheBadArgument() {
        assertEquals("invalid option -- 'x'", assertThrows(UsageException.class, () -> DaemonOptions.parse("-nx")).getMessage());
        assertEquals("option requires an argument -- 'l'",
                assertThrows(UsageException.class, () -> DaemonOptions.parse("-l")).getMessage());
        assertEquals("invalid log level 'loud', expected none, err, notice, info or debug",
                assertThrows(UsageException.class, () -> DaemonOptions.parse("-lloud")).getMessage());
        assertEquals("invalid number 'abc' for -c", assertThrows(UsageException.class, () -> DaemonOptions.parse("-c", "abc")).getMessage());
        assertEquals("-m 2 out of range 4-180", assertThrows(UsageException.class, () -> DaemonOptions.parse("-m2")).getMessage());
        assertEquals("unexpected argument 'extra'", assertThrows(UsageException.class, () -> DaemonOptions.parse("-n", "extra")).getMessage());
        assertEquals("invalid identity '../x'", assertThrows(UsageException.class, () -> DaemonOptions.parse("-i", "../x")).getMessage());
        assertEquals("invalid USER[:GROUP] 'a b' for -p", assertThrows(UsageException.class, () -> DaemonOptions.parse("-p", "a b")).getMessage());
    }

    @Test
    void controlFlagsAndCommand() {
        ControlOptions o = ControlOptions.parse("-dpt", "-I", "mrt", "show", "groups");
        assertTrue(o.detailed());
        assertTrue(o.plain());
        assertTrue(o.noHeadings());
        assertFalse(o.json());
        assertEquals(Path.of("/run/mrt.sock"), o.socketFile());
        assertEquals(List.of("show", "groups"), o.command());
        ControlOptions u = ControlOptions.parse("-bju/tmp/s.sock");
        assertTrue(u.batch());
        assertTrue(u.json());
        assertEquals(Path.of("/tmp/s.sock"), u.socketFile());
        assertEquals(List.of("add", "eth0", "-x"), ControlOptions.parse("add", "eth0", "-x").command());
        assertEquals("option requires an argument -- 'u'", assertThrows(UsageException.class, () -> ControlOptions.parse("-u")).getMessage());
    }

    @Test
    void commandsByUniquePrefixAndAlias() {
        assertEquals(ControlCommand.SHOW, ControlCommand.find("s"));
        assertEquals(ControlCommand.SHOW, ControlCommand.find("show"));
        assertEquals(ControlCommand.REMOVE, ControlCommand.find("del"));
        assertEquals(ControlCommand.REMOVE, ControlCommand.find("d"));
        assertEquals(ControlCommand.REMOVE, ControlCommand.find("rem"));
        assertEquals(ControlCommand.RELOAD, ControlCommand.find("restart"));
        assertEquals(ControlCommand.RELOAD, ControlCommand.find("res"));
        assertEquals(ControlCommand.RELOAD, ControlCommand.find("rel"));
        assertEquals(ControlCommand.LEAVE, ControlCommand.find("l"));
        assertEquals(ControlCommand.JOIN, ControlCommand.find("j"));
        assertEquals(ControlCommand.FLUSH, ControlCommand.find("f"));
        assertEquals(ControlCommand.KILL, ControlCommand.find("k"));
        assertEquals(ControlCommand.ADD, ControlCommand.find("a"));
        assertEquals("ambiguous command 're', could be reload, restart, remove",
                assertThrows(UsageException.class, () -> ControlCommand.find("re")).getMessage());
        assertEquals("unknown command 'bogus'", assertThrows(UsageException.class, () -> ControlCommand.find("bogus")).getMessage());
    }
}
