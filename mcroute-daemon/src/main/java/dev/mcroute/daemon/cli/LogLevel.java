package dev.mcroute.daemon.cli;

import java.util.Locale;

/** The {@code -l} levels, least to most verbose, with their syslog(3) priorities. */
public enum LogLevel {
    /** Log nothing. */
    NONE(-1),
    /** Errors only. */
    ERR(3),
    /** Notable events (the default). */
    NOTICE(5),
    /** What the daemon does. */
    INFO(6),
    /** Everything. */
    DEBUG(7);

    private final int syslogPriority;

    LogLevel(int syslogPriority) {
        this.syslogPriority = syslogPriority;
    }

    /** @return the syslog(3) priority (LOG_ERR ... LOG_DEBUG), -1 for NONE */
    public int syslogPriority() {
        return syslogPriority;
    }

    /**
     * @param name one of none, err, notice, info, debug
     * @return the level
     * @throws UsageException naming the bad level
     */
    public static LogLevel parse(String name) {
        for (LogLevel level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(name)) {
                return level;
            }
        }
        throw new UsageException("invalid log level '" + name + "', expected none, err, notice, info or debug");
    }

    /**
     * @param message the level of a message
     * @return whether a message of that level is logged at this level
     */
    public boolean logs(LogLevel message) {
        return this != NONE && message.ordinal() <= ordinal();
    }
}
