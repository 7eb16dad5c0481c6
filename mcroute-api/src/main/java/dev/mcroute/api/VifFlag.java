package dev.mcroute.api;

/** Properties of a virtual interface beyond its interface and threshold. */
public enum VifFlag {
    /**
     * A PIM register VIF: not bound to a physical interface; the kernel passes packets sent to it up
     * to the routing daemon as WHOLEPKT upcalls. Needs PIM support in the kernel.
     */
    REGISTER
}
