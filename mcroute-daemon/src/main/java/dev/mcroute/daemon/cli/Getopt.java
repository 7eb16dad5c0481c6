package dev.mcroute.daemon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Short-option parsing as POSIX getopt(3) does it: combined flags ({@code -nN}), an argument
 * attached ({@code -ldebug}) or in the next word ({@code -l debug}), {@code --} ends the
 * options, and the first word that is not an option ends them too.
 */
public final class Getopt {

    /** One option found on the command line, with its argument or null. */
    public record Option(char letter, String argument) {
    }

    /** What was parsed: the options in order and the remaining operands. */
    public record Parsed(List<Option> options, List<String> operands) {
        /** Makes the lists immutable. */
        public Parsed {
            options = List.copyOf(options);
            operands = List.copyOf(operands);
        }
    }

    private final String spec;

    /**
     * @param spec getopt(3) option string: letters, a letter followed by {@code :} takes an argument
     */
    public Getopt(String spec) {
        this.spec = spec;
    }

    /**
     * Parses the arguments.
     *
     * @param args the command line, without the program name
     * @return the options and operands
     * @throws UsageException naming the unknown option or the option missing its argument,
     *                        worded as glibc's getopt(3) does
     */
    public Parsed parse(String[] args) {
        List<Option> options = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String word = args[i];
            if (word.equals("--")) {
                i++;
                break;
            }
            if (word.length() < 2 || word.charAt(0) != '-') {
                break;
            }
            i++;
            for (int pos = 1; pos < word.length(); pos++) {
                char letter = word.charAt(pos);
                int at = letter == ':' ? -1 : spec.indexOf(letter);
                if (at < 0) {
                    throw new UsageException("invalid option -- '" + letter + "'");
                }
                boolean takesArgument = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
                if (!takesArgument) {
                    options.add(new Option(letter, null));
                    continue;
                }
                if (pos + 1 < word.length()) {
                    options.add(new Option(letter, word.substring(pos + 1)));
                } else if (i < args.length) {
                    options.add(new Option(letter, args[i++]));
                } else {
                    throw new UsageException("option requires an argument -- '" + letter + "'");
                }
                break;
            }
        }
        List<String> operands = new ArrayList<>();
        for (; i < args.length; i++) {
            operands.add(args[i]);
        }
        return new Parsed(options, operands);
    }
}
