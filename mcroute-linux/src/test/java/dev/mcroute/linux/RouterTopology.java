package dev.mcroute.linux;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.testkit.netns.NetNamespace;
import dev.mcroute.testkit.netns.Veth;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Four namespaces joined by veth pairs: a sender ({@code s0}) and two receivers ({@code a0},
 * {@code b0}), each linked to the router ({@code r0}, {@code r1}, {@code r2}), with IPv4 and IPv6
 * addresses and default routes through the router.
 */
final class RouterTopology implements AutoCloseable {
    static final int PORT = 4771;

    final NetNamespace sender;
    final NetNamespace router;
    final NetNamespace receiverA;
    final NetNamespace receiverB;
    private final List<NetNamespace> all = new ArrayList<>();

    private RouterTopology() {
        try {
            sender = add(NetNamespace.create("mcl-s"));
            router = add(NetNamespace.create("mcl-r"));
            receiverA = add(NetNamespace.create("mcl-a"));
            receiverB = add(NetNamespace.create("mcl-b"));
            link(sender, "s0", "r0", 0);
            link(receiverA, "a0", "r1", 1);
            link(receiverB, "b0", "r2", 2);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static RouterTopology create() {
        return new RouterTopology();
    }

    private NetNamespace add(NetNamespace ns) {
        all.add(ns);
        return ns;
    }

    /** Links a host to the router on subnet n: the router is .1 / ::1, the host .2 / ::2. */
    private void link(NetNamespace host, String hostEnd, String routerEnd, int n) {
        Veth.connect(host, hostEnd, router, routerEnd);
        router.ip("addr", "add", "10.71." + n + ".1/24", "dev", routerEnd);
        router.ip("-6", "addr", "add", "fd71:" + n + "::1/64", "dev", routerEnd, "nodad");
        host.ip("addr", "add", "10.71." + n + ".2/24", "dev", hostEnd);
        host.ip("-6", "addr", "add", "fd71:" + n + "::2/64", "dev", hostEnd, "nodad");
        host.ip("route", "add", "default", "via", "10.71." + n + ".1");
        host.ip("-6", "route", "add", "default", "via", "fd71:" + n + "::1");
    }

    /** @return the address of the host on subnet n (0 sender, 1 receiver A, 2 receiver B) */
    static InetAddress host(Family family, int n) {
        return InetAddresses.parse(family == Family.IPV4 ? "10.71." + n + ".2" : "fd71:" + n + "::2");
    }

    /** @return the n-th test group of a family, routable beyond the link (IPv6 global scope) */
    static InetAddress group(Family family, int n) {
        return InetAddresses.parse(family == Family.IPV4 ? "239.71.0." + n : "ff1e::71:" + n);
    }

    /**
     * Opens a router through the ServiceLoader, on the router namespace's thread.
     *
     * @param options table and families
     * @return the router, in the router namespace
     */
    MulticastRouter openRouter(RouterOptions options) throws Exception {
        return router.call(() -> MulticastRouters.open(options.withProvider("linux")));
    }

    /** Reads a file as the router namespace sees it, e.g. {@code /proc/net/ip_mr_vif}. */
    String routerFile(String path) {
        return router.exec("cat", path);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (NetNamespace ns : all) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
