package dev.mcroute.api;

import java.util.Objects;

/**
 * A message from the kernel about a packet it could not forward on its own.
 *
 * @param type what happened
 * @param vif  the VIF the packet arrived on
 * @param key  the packet's source and group
 */
public record Upcall(Type type, int vif, SourceGroup key) {

    /** Why the kernel asks. */
    public enum Type {
        /** No route for (S,G): the kernel holds the first packets and waits for one to be installed. */
        NOCACHE,
        /** A route exists but the packet arrived on another VIF than the route's input. */
        WRONGVIF,
        /** A whole packet handed up, sent to a register VIF (PIM). */
        WHOLEPKT
    }

    /**
     * Validates the components.
     *
     * @param type what happened
     * @param vif  the VIF the packet arrived on
     * @param key  the packet's source and group
     * @throws IllegalArgumentException for a VIF index out of range
     */
    public Upcall {
        Objects.requireNonNull(type, "type");
        Checks.vifIndex(vif, "VIF");
        Objects.requireNonNull(key, "key");
    }

    /** @return the family of the packet */
    public Family family() {
        return key.family();
    }
}
