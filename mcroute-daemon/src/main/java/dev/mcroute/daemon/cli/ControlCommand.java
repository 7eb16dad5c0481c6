package dev.mcroute.daemon.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/** The commands of {@code smcroutectl}, found by unique prefix, with the IPC letter each sends. */
public enum ControlCommand {
    /** Print usage. */
    HELP(0, 0, (char) 0),
    /** Print the version. */
    VERSION(0, 0, (char) 0),
    /** Flush dynamic (*,G)-derived routes. */
    FLUSH(0, 0, 'F'),
    /** Stop the daemon. */
    KILL(0, 0, 'k'),
    /** Reload the configuration. */
    RELOAD(0, 0, 'H'),
    /** Show routes, groups, interfaces or pending. */
    SHOW(0, 1, 's'),
    /** Add a route. */
    ADD(2, Integer.MAX_VALUE, 'a'),
    /** Remove a route. */
    REMOVE(2, 3, 'r'),
    /** Join a group. */
    JOIN(2, 3, 'j'),
    /** Leave a group. */
    LEAVE(2, 3, 'l');

    private final int minArgs;
    private final int maxArgs;
    private final char letter;

    ControlCommand(int minArgs, int maxArgs, char letter) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.letter = letter;
    }

    /** @return the fewest arguments the command takes */
    public int minArgs() {
        return minArgs;
    }

    /** @return the most arguments the command takes */
    public int maxArgs() {
        return maxArgs;
    }

    /** @return the IPC command letter, 0 for commands the client answers itself */
    public char letter() {
        return letter;
    }

    /** @return the command's name as typed */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a command by name, alias ({@code del}, {@code restart}) or unique prefix.
     *
     * @param word what the user typed
     * @return the command
     * @throws UsageException if the word is unknown or ambiguous
     */
    public static ControlCommand find(String word) {
        String[][] names = {{"help", "HELP"}, {"version", "VERSION"}, {"flush", "FLUSH"}, {"kill", "KILL"},
                {"reload", "RELOAD"}, {"restart", "RELOAD"}, {"show", "SHOW"}, {"add", "ADD"},
                {"remove", "REMOVE"}, {"del", "REMOVE"}, {"join", "JOIN"}, {"leave", "LEAVE"}};
        List<String> candidates = new ArrayList<>();
        Set<ControlCommand> commands = EnumSet.noneOf(ControlCommand.class);
        for (String[] name : names) {
            if (name[0].equals(word)) {
                return valueOf(name[1]);
            }
            if (!word.isEmpty() && name[0].startsWith(word)) {
                candidates.add(name[0]);
                commands.add(valueOf(name[1]));
            }
        }
        if (commands.isEmpty()) {
            throw new UsageException("unknown command '" + word + "'");
        }
        if (commands.size() > 1) {
            throw new UsageException("ambiguous command '" + word + "', could be " + String.join(", ", candidates));
        }
        return commands.iterator().next();
    }
}
