package dev.mcroute.daemon.show;

import dev.mcroute.api.IpPrefix;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/** The {@code -j} replies of COMPAT.md: one JSON object, newline-terminated. */
public final class ShowJson {

    private ShowJson() {
    }

    /**
     * @param kind     what to show
     * @param snapshot the router state
     * @return the JSON text with a final newline
     */
    public static String format(ShowKind kind, ShowSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        switch (kind) {
            case ROUTES -> {
                out.append("{\"routes\":{\"asm\":");
                array(out, snapshot.templates(), ShowJson::route);
                out.append(",\"ssm\":");
                array(out, snapshot.rules(), ShowJson::route);
                out.append(",\"kernel\":");
                array(out, snapshot.kernel(), ShowJson::route);
                out.append("}}");
            }
            case GROUPS -> {
                out.append("{\"groups\":{\"conf\":");
                array(out, snapshot.groups(), ShowJson::group);
                out.append(",\"kernel\":");
                array(out, snapshot.kernelGroups(), ShowJson::group);
                out.append("}}");
            }
            case INTERFACES -> {
                out.append("{\"interfaces\":");
                array(out, snapshot.interfaces(), ShowJson::iface);
                out.append('}');
            }
            case PENDING -> {
                out.append("{\"pending\":");
                array(out, snapshot.pending(), ShowJson::pending);
                out.append('}');
            }
            default -> throw new AssertionError(kind);
        }
        return out.append('\n').toString();
    }

    private static void route(StringBuilder out, RouteRow row) {
        out.append("{\"source\":");
        prefix(out, row.source());
        out.append(",\"group\":");
        string(out, row.group().toString());
        out.append(",\"iif\":");
        string(out, row.iif());
        out.append(",\"oifs\":");
        array(out, row.oifs(), ShowJson::string);
        out.append('}');
    }

    private static void group(StringBuilder out, GroupRow row) {
        out.append("{\"source\":");
        prefix(out, row.source());
        out.append(",\"group\":");
        string(out, row.group().toString());
        out.append(",\"iif\":");
        string(out, row.iif());
        out.append('}');
    }

    private static void iface(StringBuilder out, InterfaceRow row) {
        out.append("{\"index\":").append(row.index()).append(",\"name\":");
        string(out, row.name());
        out.append(",\"vif\":").append(number(row.vif())).append(",\"mif\":").append(number(row.mif())).append('}');
    }

    private static void pending(StringBuilder out, PendingRow row) {
        out.append("{\"kind\":");
        string(out, row.kind());
        out.append(",\"iif\":");
        string(out, row.iif());
        out.append(",\"source\":");
        prefix(out, row.source());
        out.append(",\"group\":");
        string(out, row.group().toString());
        out.append(",\"oifs\":");
        array(out, row.oifs(), ShowJson::string);
        out.append('}');
    }

    private static <T> void array(StringBuilder out, List<T> items, BiConsumer<StringBuilder, T> element) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            element.accept(out, items.get(i));
        }
        out.append(']');
    }

    private static String number(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "null";
    }

    private static void prefix(StringBuilder out, Optional<IpPrefix> prefix) {
        if (prefix.isPresent()) {
            string(out, prefix.get().toString());
        } else {
            out.append("null");
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
