package dev.mcroute.daemon;

import dev.mcroute.daemon.cli.ControlCommand;
import dev.mcroute.daemon.cli.ControlOptions;
import dev.mcroute.daemon.cli.UsageException;
import dev.mcroute.daemon.control.Syntax;
import dev.mcroute.daemon.ipc.IpcClient;
import dev.mcroute.daemon.ipc.IpcMessage;
import dev.mcroute.daemon.show.HeadingRenderer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code smcroutectl}: sends commands to the daemon and prints its answers. */
public final class Smcroutectl {
    private static final String PROGRAM = "smcroutectl";
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(3);

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    /**
     * @param out standard output
     * @param err standard error
     * @param in  standard input (batch mode)
     */
    public Smcroutectl(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int status = new Smcroutectl(out, System.err, System.in).run(args);
        out.flush();
        System.exit(status);
    }

    /**
     * @param args the command line
     * @return the exit status: 0 on success
     */
    public int run(String... args) {
        ControlOptions options;
        List<IpcMessage> messages = new ArrayList<>();
        try {
            options = ControlOptions.parse(args);
            if (options.help()) {
                out.print(usage());
                return 0;
            }
            if (options.version()) {
                out.println(Version.text());
                return 0;
            }
            if (options.batch()) {
                for (List<String> words : batchLines()) {
                    IpcMessage message = message(options, words);
                    if (message != null) {
                        messages.add(message);
                    }
                }
            } else {
                List<String> words = options.command().isEmpty() ? List.of("show") : options.command();
                IpcMessage message = message(options, words);
                if (message == null) {
                    return 0;
                }
                messages.add(message);
            }
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.print(usage());
            return 1;
        } catch (IOException e) {
            err.println(PROGRAM + ": reading commands: " + e.getMessage());
            return 1;
        }
        if (messages.isEmpty()) {
            return 0;
        }
        return send(options, messages);
    }

    private int send(ControlOptions options, List<IpcMessage> messages) {
        List<String> replies;
        try {
            replies = new IpcClient(options.socketFile(), CONNECT_RETRY).send(messages);
        } catch (IpcClient.NotRunningException e) {
            err.println(PROGRAM + ": Daemon not running");
            return 1;
        } catch (IOException e) {
            err.println(PROGRAM + ": Failed connecting to daemon: " + e.getMessage());
            return 1;
        }
        int status = 0;
        HeadingRenderer.Style style = options.noHeadings() ? HeadingRenderer.Style.NONE
                : options.plain() ? HeadingRenderer.Style.PLAIN : HeadingRenderer.Style.ANSI;
        for (int i = 0; i < messages.size(); i++) {
            if (i >= replies.size()) {
                err.println(PROGRAM + ": no reply from daemon");
                return 1;
            }
            String reply = replies.get(i);
            int command = messages.get(i).command();
            if (command == 'J') {
                out.print(reply);
            } else if (command == 's' || command == 'S') {
                out.print(HeadingRenderer.render(reply, style));
            } else if (!reply.isEmpty()) {
                err.println(PROGRAM + ": " + reply);
                status = 1;
            }
        }
        return status;
    }

    /** @return the message for one command line, or null for one the client answers itself */
    private IpcMessage message(ControlOptions options, List<String> words) {
        ControlCommand command = ControlCommand.find(words.get(0));
        List<String> args = words.subList(1, words.size());
        if (args.size() < command.minArgs()) {
            throw new UsageException("Not enough arguments to command " + command.word());
        }
        if (args.size() > command.maxArgs()) {
            throw new UsageException("Too many arguments to command " + command.word());
        }
        switch (command) {
            case HELP -> {
                out.print(usage());
                return null;
            }
            case VERSION -> {
                out.println(Version.text());
                return null;
            }
            case SHOW -> {
                char letter = options.json() ? 'J' : options.detailed() ? 'S' : 's';
                return new IpcMessage(letter, args);
            }
            default -> {
                return new IpcMessage(command.letter(), args);
            }
        }
    }

    private List<List<String>> batchLines() throws IOException {
        List<List<String>> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            lines.add(Syntax.words(trimmed));
        }
        return lines;
    }

    static String usage() {
        return """
                Usage:
                  smcroutectl [-bdjptv] [-i NAME | -I NAME] [-u FILE] CMD [ARGS]

                Options:
                  -b            Batch mode, read commands from stdin, one a line
                  -d            Detailed output in show command
                  -i NAME       Identity of routing daemon instance, default: smcroute
                  -I NAME       Same as -i
                  -j            JSON output in show command
                  -p            Use plain table headings, no ctrl chars
                  -t            Skip table headings in show command
                  -u FILE       UNIX domain socket for daemon, default: /run/smcroute.sock
                  -v            Show version

                Commands:
                  help          Show this help text
                  version       Show program version
                  flush         Flush all dynamically installed (*,G) multicast routes
                  kill          Stop the daemon
                  reload        Reload the .conf file, like SIGHUP (also: restart)
                  show [routes|groups|interfaces|pending]
                  add    IIF [SOURCE[/LEN]] GROUP[/LEN] OIF [OIF ...]
                  remove IIF [SOURCE[/LEN]] GROUP[/LEN]      (also: del)
                  join   IIF [SOURCE[/LEN]] GROUP[/LEN]
                  leave  IIF [SOURCE[/LEN]] GROUP[/LEN]

                Interfaces may be wildcards: eth+ matches eth0, eth15, ...
                """;
    }
}
