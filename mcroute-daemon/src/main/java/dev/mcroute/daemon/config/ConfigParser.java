package dev.mcroute.daemon.config;

import dev.mcroute.api.IpPrefix;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.Syntax;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads smcroute.conf: {@code phyint}, {@code mgroup}, {@code mroute} and {@code include GLOB},
 * {@code #} comments anywhere. A bad line becomes a {@link ConfigProblem} naming file and line
 * and is skipped; the rest still loads. Include cycles are refused, not followed.
 */
public final class ConfigParser {
    /** Includes nested deeper than this are refused, cycle or not. */
    private static final int MAX_DEPTH = 16;
    /**
     * Larger files are refused unread: far above any real config (100 000 routes take about 6 MiB),
     * and it stops a file that never ends (a /proc entry) from exhausting the heap.
     */
    static final int MAX_FILE_BYTES = 64 << 20;

    private final List<ConfigEntry> entries = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Deque<Path> including = new ArrayDeque<>();

    private ConfigParser() {
    }

    /**
     * @param file the top-level file
     * @return the directives and problems
     */
    public static ConfigResult parse(Path file) {
        ConfigParser parser = new ConfigParser();
        parser.parseFile(file, null);
        return new ConfigResult(parser.entries, parser.problems);
    }

    private void parseFile(Path file, Origin includedFrom) {
        Path real;
        byte[] bytes;
        try {
            real = file.toRealPath();
            if (!Files.isRegularFile(real)) {
                problem(includedFrom != null ? includedFrom : new Origin(file, 0),
                        "cannot read " + file + ": not a regular file");
                return;
            }
            bytes = readAtMost(real, MAX_FILE_BYTES);
            if (bytes == null) {
                problem(includedFrom != null ? includedFrom : new Origin(file, 0),
                        "cannot read " + file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
                return;
            }
        } catch (NoSuchFileException e) {
            problem(includedFrom != null ? includedFrom : new Origin(file, 0),
                    "Configuration file " + file + " does not exist");
            return;
        } catch (IOException e) {
            problem(includedFrom != null ? includedFrom : new Origin(file, 0),
                    "cannot read " + file + ": " + reason(e));
            return;
        }
        if (including.contains(real)) {
            List<String> chain = new ArrayList<>();
            including.descendingIterator().forEachRemaining(p -> chain.add(p.toString()));
            chain.add(real.toString());
            problem(includedFrom, "include cycle " + String.join(" -> ", chain) + ", skipping");
            return;
        }
        if (including.size() >= MAX_DEPTH) {
            problem(includedFrom, "includes nested deeper than " + MAX_DEPTH + ", skipping " + file);
            return;
        }
        including.push(real);
        String text = new String(bytes, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            parseLine(file, new Origin(file, number), line);
        }
        including.pop();
    }

    private void parseLine(Path file, Origin origin, String line) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (content.isEmpty()) {
            return;
        }
        List<String> words = Syntax.words(content);
        String directive = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            switch (directive) {
                case "phyint" -> entries.add(phyint(origin, args));
                case "mgroup" -> entries.add(new ConfigEntry.Mgroup(origin, route("mgroup", args, false)));
                case "mroute" -> entries.add(new ConfigEntry.Mroute(origin, route("mroute", args, true)));
                case "include" -> include(file, origin, args);
                default -> problem(origin, "Unknown command " + Syntax.printable(directive) + ", skipping.");
            }
        } catch (IllegalArgumentException e) {
            problem(origin, e.getMessage());
        }
    }

    private static ConfigEntry phyint(Origin origin, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("phyint missing interface pattern");
        }
        String iface = Syntax.interfaceName(args.get(0));
        boolean enable = true;
        boolean mrdisc = false;
        int threshold = 1;
        for (int i = 1; i < args.size(); i++) {
            String word = args.get(i);
            switch (word) {
                case "enable" -> enable = true;
                case "disable" -> enable = false;
                case "mrdisc" -> mrdisc = true;
                case "ttl-threshold" -> {
                    if (++i >= args.size()) {
                        throw new IllegalArgumentException("phyint " + iface + " ttl-threshold missing value (1-255)");
                    }
                    String value = args.get(i);
                    if (!Syntax.isDigits(value, 9) || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 255) {
                        throw new IllegalArgumentException("phyint " + iface + " ttl " + Syntax.printable(value)
                                + " out of range (1-255)");
                    }
                    threshold = Integer.parseInt(value);
                }
                default -> throw new IllegalArgumentException("phyint " + iface + ": unknown option '"
                        + Syntax.printable(word) + "'");
            }
        }
        return new ConfigEntry.Phyint(origin, iface, enable, mrdisc, threshold);
    }

    /** Parses the keyword/value pairs of mgroup and mroute, in any order; {@code to} takes the rest. */
    /**
     * @param at     where the keyword is
     * @param before its value if it was given before, else {@code null}
     * @return the word after the keyword
     */
    private static String valueAfter(String directive, List<String> args, int at, String before) {
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(directive + ": '" + args.get(at) + "' needs a value");
        }
        if (before != null) {
            throw new IllegalArgumentException(directive + ": '" + args.get(at) + "' given twice");
        }
        return args.get(at + 1);
    }

    private static RouteSpec route(String directive, List<String> args, boolean withOifs) {
        String from = null;
        String sourceText = null;
        String groupText = null;
        List<String> oifs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String keyword = args.get(i);
            switch (keyword) {
                case "from" -> from = valueAfter(directive, args, i++, from);
                case "source" -> sourceText = valueAfter(directive, args, i++, sourceText);
                case "group" -> groupText = valueAfter(directive, args, i++, groupText);
                case "to" -> {
                    if (!withOifs) {
                        throw new IllegalArgumentException(directive + ": 'to' is only for mroute");
                    }
                    for (String oif : args.subList(i + 1, args.size())) {
                        oifs.add(Syntax.interfaceName(oif));
                    }
                    i = args.size();
                }
                default -> throw new IllegalArgumentException(directive + ": unknown keyword '"
                        + Syntax.printable(keyword) + "'");
            }
        }
        if (from == null) {
            throw new IllegalArgumentException(directive + ": missing 'from IFNAME'");
        }
        if (groupText == null) {
            throw new IllegalArgumentException(directive + ": missing 'group GROUP[/LEN]'");
        }
        String iif = Syntax.interfaceName(from);
        IpPrefix group;
        Optional<IpPrefix> source = Optional.empty();
        try {
            group = Syntax.group(groupText);
            if (sourceText != null) {
                source = Syntax.source(sourceText, group);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((directive.equals("mgroup") ? "join" : directive) + ": " + e.getMessage());
        }
        if (oifs.size() > RouteSpec.MAX_OIFS) {
            throw new IllegalArgumentException(directive + ": too many outbound interfaces: " + oifs.size()
                    + ", at most " + RouteSpec.MAX_OIFS);
        }
        return new RouteSpec(iif, source, group, oifs);
    }

    private void include(Path file, Origin origin, List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("include needs exactly one file or glob, got " + args.size());
        }
        String pattern = args.get(0);
        Path base = file.toAbsolutePath().getParent();
        Path glob = base == null ? Path.of(pattern) : base.resolve(pattern);
        if (!hasWildcard(pattern)) {
            parseFile(glob, origin);
            return;
        }
        List<Path> matches;
        try {
            matches = expand(glob);
        } catch (IOException | IllegalArgumentException e) {
            problem(origin, "include " + Syntax.printable(pattern) + ": " + e.getMessage());
            return;
        }
        if (matches.isEmpty()) {
            problems.add(new ConfigProblem(origin, "include " + Syntax.printable(pattern) + " matches no file", false));
        }
        for (Path match : matches) {
            parseFile(match, origin);
        }
    }

    /** Expands a glob whose wildcards may be in any path component, as glob(3) does, sorted. */
    private static List<Path> expand(Path glob) throws IOException {
        List<Path> current = List.of(glob.getRoot() != null ? glob.getRoot() : Path.of(""));
        for (Path component : glob) {
            String name = component.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(name)) {
                    Path candidate = dir.resolve(name);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String entryName = entry.getFileName().toString();
                        if (matcher.matches(entry.getFileName()) && (!entryName.startsWith(".") || name.startsWith("."))) {
                            next.add(entry);
                        }
                    }
                }
            }
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }

    /** The file's bytes, or null when it holds more than {@code limit}; never reads beyond that. */
    private static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit);
            return bytes.length == limit && in.read() >= 0 ? null : bytes;
        }
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    private void problem(Origin origin, String message) {
        problems.add(new ConfigProblem(origin, message, true));
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "Permission denied";
            case "FileSystemException" -> e.getMessage();
            default -> e.getMessage() != null ? e.getMessage() : name;
        };
    }
}
