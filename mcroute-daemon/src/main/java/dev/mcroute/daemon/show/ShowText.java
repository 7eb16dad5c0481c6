package dev.mcroute.daemon.show;

import dev.mcroute.api.IpPrefix;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The tables {@code show} sends, laid out as the C daemon does. Lines ending in {@code _} are
 * section titles and lines ending in {@code =} column headings; the client draws those.
 */
public final class ShowText {
    private static final int ROUTE_WIDTH = 42;
    private static final int GROUP_IIF_WIDTH = 16;

    private ShowText() {
    }

    /**
     * @param kind     what to show
     * @param detailed whether to add counters and kernel tables ({@code -d})
     * @param snapshot the router state
     * @return the text, each line newline-terminated; empty when there is nothing to show
     */
    public static String format(ShowKind kind, boolean detailed, ShowSnapshot snapshot) {
        // sized for the routes, the long table: a builder that grows by doubling leaves its old
        // arrays behind, megabytes of them for 10 000 routes
        int routeRows = kind != ShowKind.ROUTES ? 0
                : snapshot.templates().size() + snapshot.rules().size() + snapshot.kernel().size();
        StringBuilder out = new StringBuilder(256 + 80 * routeRows);
        switch (kind) {
            case ROUTES -> routes(out, detailed, snapshot);
            case GROUPS -> groups(out, detailed, snapshot);
            case INTERFACES -> interfaces(out, snapshot);
            case PENDING -> pending(out, snapshot);
            default -> throw new AssertionError(kind);
        }
        return out.toString();
    }

    /**
     * @param source the source, empty for any
     * @param group  the group
     * @return {@code (S, G)} or {@code (*, G)}
     */
    public static String sourceGroup(Optional<IpPrefix> source, IpPrefix group) {
        return appendSourceGroup(new StringBuilder(), source, group).toString();
    }

    private static void routes(StringBuilder out, boolean detailed, ShowSnapshot snapshot) {
        int width = Math.max("IIF".length(), longestName(snapshot, Stream.of(snapshot.templates(), snapshot.rules(),
                snapshot.kernel()).flatMap(List::stream).map(RouteRow::iif)));
        routeSection(out, "(*,G) Template Rules", snapshot.templates(), detailed, width);
        routeSection(out, "(S,G) Rules", snapshot.rules(), detailed, width);
        routeSection(out, "Kernel MFC Table", snapshot.kernel(), detailed, width);
    }

    private static void routeSection(StringBuilder out, String title, List<RouteRow> rows, boolean detailed, int width) {
        if (rows.isEmpty()) {
            return;
        }
        out.append(title).append("_\n");
        padded(out, "ROUTE (S,G)", ROUTE_WIDTH).append(' ');
        padded(out, "IIF", width);
        out.append(detailed ? String.format(" %10s %10s ", "PACKETS", "BYTES") : " ");
        out.append(" OIFS=\n");
        for (RouteRow row : rows) {
            paddedSourceGroup(out, row.source(), row.group()).append(' ');
            padded(out, row.iif(), width);
            out.append(detailed ? String.format(" %10d %10d ", row.packets(), row.bytes()) : " ");
            for (String oif : row.oifs()) {
                out.append(' ').append(oif);
            }
            out.append('\n');
        }
    }

    private static void groups(StringBuilder out, boolean detailed, ShowSnapshot snapshot) {
        if (!snapshot.groups().isEmpty()) {
            out.append("Group Memberships Table_\n");
            padded(out, "GROUP (S,G)", ROUTE_WIDTH).append(' ');
            padded(out, "IIF", GROUP_IIF_WIDTH).append("=\n");
            groupRows(out, snapshot.groups());
        }
        if (detailed && !snapshot.kernelGroups().isEmpty()) {
            out.append("Kernel Group Membership Table_\n");
            groupRows(out, snapshot.kernelGroups());
        }
    }

    private static void groupRows(StringBuilder out, List<GroupRow> rows) {
        for (GroupRow row : rows) {
            paddedSourceGroup(out, row.source(), row.group()).append(' ').append(row.iif()).append('\n');
        }
    }

    private static void interfaces(StringBuilder out, ShowSnapshot snapshot) {
        if (snapshot.interfaces().isEmpty()) {
            return;
        }
        int width = Math.max(6, longestName(snapshot, Stream.empty()));
        out.append(String.format("%6s %-" + width + "s %4s %4s=%n", "INDEX", "PHYINT", "VIF", "MIF"));
        for (InterfaceRow row : snapshot.interfaces()) {
            out.append(String.format("%6d %-" + width + "s %4s %4s%n", row.index(), row.name(), slot(row.vif()),
                    slot(row.mif())));
        }
    }

    private static void pending(StringBuilder out, ShowSnapshot snapshot) {
        if (snapshot.pending().isEmpty()) {
            out.append("No pending routes or groups\n");
            return;
        }
        out.append("PENDING ROUTES AND GROUPS\n");
        for (PendingRow row : snapshot.pending()) {
            out.append(String.format("%-7s from %s", row.kind(), row.iif()));
            row.source().ifPresent(source -> out.append(" source ").append(source));
            out.append(" group ").append(row.group());
            if (!row.oifs().isEmpty()) {
                out.append(" to ").append(String.join(" ", row.oifs()));
            }
            out.append('\n');
        }
    }

    private static int longestName(ShowSnapshot snapshot, Stream<String> more) {
        return Stream.concat(snapshot.interfaces().stream().map(InterfaceRow::name), more)
                .mapToInt(String::length).max().orElse(0);
    }

    private static String slot(OptionalInt slot) {
        return slot.isPresent() ? Integer.toString(slot.getAsInt()) : "N/A";
    }

    // Rows are appended in place: building a few strings per row made a show of 10 000 routes
    // leave enough garbage to grow the daemon's heap by several MiB.

    private static StringBuilder paddedSourceGroup(StringBuilder out, Optional<IpPrefix> source, IpPrefix group) {
        int start = out.length();
        appendSourceGroup(out, source, group);
        return spaces(out, start + ROUTE_WIDTH - out.length());
    }

    private static StringBuilder appendSourceGroup(StringBuilder out, Optional<IpPrefix> source, IpPrefix group) {
        out.append('(');
        if (source.isPresent()) {
            out.append(source.get());
        } else {
            out.append('*');
        }
        return out.append(", ").append(group).append(')');
    }

    private static StringBuilder padded(StringBuilder out, String text, int width) {
        return spaces(out.append(text), width - text.length());
    }

    private static StringBuilder spaces(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append(' ');
        }
        return out;
    }
}
