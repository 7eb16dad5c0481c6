package dev.mcroute.daemon.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code smcroutectl}, as COMPAT.md lists it.
 *
 * @param batch      {@code -b}: commands from stdin, one a line, over one connection
 * @param detailed   {@code -d}: detailed show
 * @param json       {@code -j}: JSON show
 * @param plain      {@code -p}: headings without ANSI control characters
 * @param noHeadings {@code -t}: no table headings
 * @param help       {@code -h}
 * @param version    {@code -v}
 * @param socketFile {@code -u FILE}, or the identity's socket
 * @param command    the command and its arguments
 */
public record ControlOptions(boolean batch, boolean detailed, boolean json, boolean plain, boolean noHeadings,
        boolean help, boolean version, Path socketFile, List<String> command) {

    private static final Getopt GETOPT = new Getopt("bdjptvhi:I:u:");

    /** Makes the command list immutable. */
    public ControlOptions {
        command = List.copyOf(command);
    }

    /**
     * @param args the arguments, without the program name
     * @return the options
     * @throws UsageException naming the bad option
     */
    public static ControlOptions parse(String... args) {
        Getopt.Parsed parsed = GETOPT.parse(args);
        boolean batch = false;
        boolean detailed = false;
        boolean json = false;
        boolean plain = false;
        boolean noHeadings = false;
        boolean help = false;
        boolean version = false;
        Identity identity = Identity.DEFAULT;
        Path socket = null;
        for (Getopt.Option option : parsed.options()) {
            switch (option.letter()) {
                case 'b' -> batch = true;
                case 'd' -> detailed = true;
                case 'j' -> json = true;
                case 'p' -> plain = true;
                case 't' -> noHeadings = true;
                case 'h' -> help = true;
                case 'v' -> version = true;
                case 'i', 'I' -> identity = new Identity(option.argument());
                case 'u' -> socket = Path.of(option.argument());
                default -> throw new AssertionError("option letter in spec but not handled: " + option.letter());
            }
        }
        return new ControlOptions(batch, detailed, json, plain, noHeadings, help, version,
                socket != null ? socket : identity.socketFile(), parsed.operands());
    }
}
