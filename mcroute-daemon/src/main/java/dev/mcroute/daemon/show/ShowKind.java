package dev.mcroute.daemon.show;

import java.util.List;

/** What {@code show} prints; the wire carries a word whose first letter decides. */
public enum ShowKind {
    /** Routes (the default). */
    ROUTES,
    /** Group memberships. */
    GROUPS,
    /** Interfaces with VIF/MIF. */
    INTERFACES,
    /** Rules waiting for interfaces. */
    PENDING;

    /**
     * @param args the show command's arguments
     * @return the kind picked by the first letter of the first argument; routes when none matches
     */
    public static ShowKind of(List<String> args) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            return ROUTES;
        }
        return switch (args.get(0).charAt(0)) {
            case 'g' -> GROUPS;
            case 'i' -> INTERFACES;
            case 'p' -> PENDING;
            default -> ROUTES;
        };
    }
}
