package dev.mcroute.api;

/** The interface flags that matter for multicast routing. */
public enum InterfaceFlag {
    /** Administratively up. */
    UP,
    /** Operationally running (carrier). */
    RUNNING,
    /** Supports multicast; a VIF needs it. */
    MULTICAST,
    /** The loopback interface. */
    LOOPBACK,
    /** A point-to-point link. */
    POINTOPOINT
}
