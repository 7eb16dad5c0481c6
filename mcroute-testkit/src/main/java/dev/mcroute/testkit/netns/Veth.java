package dev.mcroute.testkit.netns;

/** Veth pairs between namespaces, created directly inside them so no name ever appears in the root namespace. */
public final class Veth {
    private Veth() {
    }

    /**
     * Creates a veth pair with one end in each namespace and sets both ends up.
     *
     * @param a     the first namespace
     * @param nameA the name of the end in {@code a}
     * @param b     the second namespace
     * @param nameB the name of the end in {@code b}
     */
    public static void connect(NetNamespace a, String nameA, NetNamespace b, String nameB) {
        a.ip("link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", b.name());
        a.ip("link", "set", nameA, "up");
        b.ip("link", "set", nameB, "up");
    }
}
