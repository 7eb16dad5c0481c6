package dev.mcroute.api;

import java.util.Objects;

/**
 * A change of a network interface.
 *
 * @param kind  what changed
 * @param iface the interface as it is after the change (as it was, for {@link Kind#REMOVED})
 */
public record InterfaceEvent(Kind kind, NetInterface iface) {

    /** What changed. */
    public enum Kind {
        /** The interface appeared. */
        ADDED,
        /** Its flags or addresses changed. */
        CHANGED,
        /** The interface is gone. */
        REMOVED
    }

    /**
     * Validates the components.
     *
     * @param kind  what changed
     * @param iface the interface
     * @throws NullPointerException for a missing value
     */
    public InterfaceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(iface, "iface");
    }
}
