package dev.mcroute.daemon.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of {@code smcrouted}, as COMPAT.md lists it.
 *
 * @param foreground       {@code -n}: stay in the foreground
 * @param syslog           {@code -s}: log to syslog (also implied when detaching)
 * @param cacheTimeout     {@code -c SEC}: idle (*,G)-derived route expiry, 0 = never
 * @param startupDelay     {@code -d SEC}: delay before probing interfaces and reading the config
 * @param script           {@code -e CMD}: run after (re)load and (*,G) installs
 * @param configFile       {@code -f FILE}, default from the identity
 * @param checkFile        {@code -F FILE}: only check that file's syntax
 * @param identity         {@code -i/-I NAME}
 * @param logLevel         {@code -l LVL}
 * @param mrdiscInterval   {@code -m SEC}: router advertisement interval
 * @param user             {@code -p USER[:GROUP]}
 * @param pidFile          {@code -P FILE}, default from the identity
 * @param table            {@code -t ID}: multicast routing table
 * @param socketFile       {@code -u FILE}, default from the identity
 * @param help             {@code -h}
 * @param version          {@code -v}
 */
public record DaemonOptions(boolean foreground, boolean syslog, int cacheTimeout, int startupDelay,
        Optional<String> script, Path configFile, Optional<Path> checkFile, Identity identity,
        LogLevel logLevel, int mrdiscInterval, Optional<String> user, Path pidFile, int table,
        Path socketFile, boolean help, boolean version) {

    private static final Getopt GETOPT = new Getopt("nNhsvc:d:e:f:F:i:I:l:m:p:P:t:u:");

    /**
     * Parses the command line.
     *
     * @param args the arguments, without the program name
     * @return the options
     * @throws UsageException naming the bad argument
     */
    public static DaemonOptions parse(String... args) {
        Getopt.Parsed parsed = GETOPT.parse(args);
        if (!parsed.operands().isEmpty()) {
            throw new UsageException("unexpected argument '" + parsed.operands().get(0) + "'");
        }
        boolean foreground = false;
        boolean syslog = false;
        boolean help = false;
        boolean version = false;
        int cacheTimeout = 60;
        int startupDelay = 0;
        int mrdisc = 20;
        int table = 0;
        String script = null;
        Path config = null;
        Path check = null;
        Path pid = null;
        Path socket = null;
        String user = null;
        Identity identity = Identity.DEFAULT;
        LogLevel level = LogLevel.NOTICE;
        for (Getopt.Option option : parsed.options()) {
            String arg = option.argument();
            switch (option.letter()) {
                case 'n' -> foreground = true;
                case 'N' -> { } // VIFs are allocated lazily anyway
                case 's' -> syslog = true;
                case 'h' -> help = true;
                case 'v' -> version = true;
                case 'c' -> cacheTimeout = number('c', arg, 0, Integer.MAX_VALUE);
                case 'd' -> startupDelay = number('d', arg, 0, Integer.MAX_VALUE);
                case 'e' -> script = nonEmpty('e', arg);
                case 'f' -> config = Path.of(nonEmpty('f', arg));
                case 'F' -> check = Path.of(nonEmpty('F', arg));
                case 'i', 'I' -> identity = new Identity(arg);
                case 'l' -> level = LogLevel.parse(arg);
                case 'm' -> mrdisc = number('m', arg, 4, 180);
                case 'p' -> user = userSpec(arg);
                case 'P' -> pid = Path.of(nonEmpty('P', arg));
                case 't' -> table = number('t', arg, 0, Integer.MAX_VALUE);
                case 'u' -> socket = Path.of(nonEmpty('u', arg));
                default -> throw new AssertionError("option letter in spec but not handled: " + option.letter());
            }
        }
        return new DaemonOptions(foreground, syslog, cacheTimeout, startupDelay, Optional.ofNullable(script),
                config != null ? config : identity.configFile(), Optional.ofNullable(check), identity, level, mrdisc,
                Optional.ofNullable(user), pid != null ? pid : identity.pidFile(), table,
                socket != null ? socket : identity.socketFile(), help, version);
    }

    /** @return whether log lines go to syslog rather than stderr */
    public boolean logsToSyslog() {
        return syslog || !foreground;
    }

    static int number(char letter, String text, int min, int max) {
        if (!text.matches("\\d{1,10}")) {
            throw new UsageException("invalid number '" + text + "' for -" + letter);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw new UsageException("-" + letter + " " + text + " out of range " + min + "-" + max);
        }
        return (int) value;
    }

    private static String nonEmpty(char letter, String text) {
        if (text.isEmpty()) {
            throw new UsageException("empty argument for -" + letter);
        }
        return text;
    }

    private static String userSpec(String text) {
        if (!text.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*(:[A-Za-z0-9_.][A-Za-z0-9_.-]*)?")) {
            throw new UsageException("invalid USER[:GROUP] '" + text + "' for -p");
        }
        return text;
    }

    /**
     * @param program the program name
     * @return the -h text
     */
    public static String usage(String program) {
        return """
                Usage:
                  %1$s [-hnNsv] [-c SEC] [-d SEC] [-e CMD] [-f FILE] [-F FILE] [-i NAME] [-l LVL]
                  %2$s [-m SEC] [-p USER[:GROUP]] [-P FILE] [-t ID] [-u FILE]

                Options:
                  -c SEC          Remove idle dynamic (*,G)-derived routes every SEC seconds,
                                  default 60, 0 disables
                  -d SEC          Startup delay before probing interfaces and reading the config
                  -e CMD          Run CMD with argument 'reload' after the config is (re)loaded,
                                  and 'install' (env: source, group) after a (*,G) route install
                  -f FILE         Configuration file, default /etc/NAME.conf
                  -F FILE         Only check FILE's syntax, exit non-zero on errors
                  -h              This help text
                  -i NAME         Identity for .conf/.pid/.sock and syslog, default: smcroute
                  -I NAME         Same as -i
                  -l LVL          Log level: none, err, notice (default), info, debug
                  -m SEC          Multicast router discovery interval, 4-180, default 20
                  -n              Stay in the foreground (systemd, finit)
                  -N              Accepted for compatibility; VIFs/MIFs are allocated on demand
                  -p USER[:GROUP] Drop to USER:GROUP after start, keeping CAP_NET_ADMIN
                  -P FILE         PID file, default /run/NAME.pid
                  -s              Log to syslog, default unless in the foreground
                  -t ID           Multicast routing table ID, default 0
                  -u FILE         IPC socket, default /run/NAME.sock
                  -v              Show version
                """.formatted(program, " ".repeat(program.length()));
    }
}
