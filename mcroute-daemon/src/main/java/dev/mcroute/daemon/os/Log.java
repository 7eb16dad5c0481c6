package dev.mcroute.daemon.os;

import com.sun.jna.Memory;
import dev.mcroute.daemon.cli.LogLevel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's log: {@code IDENT[PID]: message} lines on stderr in the foreground, or syslog(3)
 * with the identity as ident and facility daemon. Messages above the {@code -l} level are dropped.
 */
public final class Log {
    /** openlog(3) keeps the pointer: the ident must live as long as the process. */
    private static Memory syslogIdent;

    private final LogLevel level;
    private final String prefix;
    private final PrintStream stderr;
    private final boolean syslog;

    private Log(LogLevel level, String ident, PrintStream stderr, boolean syslog) {
        this.level = level;
        this.prefix = ident + "[" + ProcessHandle.current().pid() + "]: ";
        this.stderr = stderr;
        this.syslog = syslog;
    }

    /**
     * @param level  the {@code -l} level
     * @param ident  the identity
     * @param stderr where foreground messages go
     * @return a log writing to stderr
     */
    public static Log toStream(LogLevel level, String ident, PrintStream stderr) {
        return new Log(level, ident, stderr, false);
    }

    /**
     * @param level the {@code -l} level
     * @param ident the syslog ident
     * @return a log writing to syslog(3)
     */
    public static synchronized Log toSyslog(LogLevel level, String ident) {
        if (syslogIdent == null) {
            byte[] bytes = ident.getBytes(StandardCharsets.UTF_8);
            syslogIdent = new Memory(bytes.length + 1L);
            syslogIdent.write(0, bytes, 0, bytes.length);
            syslogIdent.setByte(bytes.length, (byte) 0);
            Libc.INSTANCE.openlog(syslogIdent, Libc.LOG_PID | Libc.LOG_NDELAY, Libc.LOG_DAEMON);
        }
        return new Log(level, ident, null, true);
    }

    /** @param message an error */
    public void error(String message) {
        write(LogLevel.ERR, message);
    }

    /** @param message a notable event */
    public void notice(String message) {
        write(LogLevel.NOTICE, message);
    }

    /** @param message what the daemon does */
    public void info(String message) {
        write(LogLevel.INFO, message);
    }

    /** @param message detail */
    public void debug(String message) {
        write(LogLevel.DEBUG, message);
    }

    private void write(LogLevel messageLevel, String message) {
        if (!level.logs(messageLevel)) {
            return;
        }
        if (syslog) {
            Libc.INSTANCE.syslog(messageLevel.syslogPriority(), "%s", message);
        } else {
            synchronized (stderr) {
                stderr.println(prefix + message);
            }
        }
    }
}
