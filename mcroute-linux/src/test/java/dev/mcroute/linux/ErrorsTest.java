package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.NetNamespace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failed kernel calls become exceptions that name the call, the object and the errno. */
class ErrorsTest {
    private NetNamespace ns;

    @BeforeEach
    void createNamespace() {
        KernelTestPreconditions.require();
        ns = NetNamespace.create("mcl-e");
        ns.ip("link", "add", "e0", "type", "veth", "peer", "name", "e1");
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    private MulticastRouter open(RouterOptions options) throws Exception {
        return ns.call(() -> MulticastRouters.open(options.withProvider("linux")));
    }

    @Test
    void aSecondRouterOnTheSameTableIsToldThatAnotherRouterOwnsIt() throws Exception {
        for (int table : new int[] {0, 7}) {
            for (Family family : Family.values()) {
                RouterOptions options = RouterOptions.defaults().withTable(table).withFamilies(family);
                try (MulticastRouter first = open(options)) {
                    MulticastRouterException e = assertThrows(MulticastRouterException.class, () -> open(options));
                    String prefix = family == Family.IPV4 ? "MRT" : "MRT6";
                    String tableName = (family == Family.IPV4 ? "IPv4" : "IPv6") + " table " + table;
                    assertEquals(prefix + "_INIT", e.operation());
                    assertEquals(Optional.of("EADDRINUSE"), e.errnoName());
                    assertEquals(98, e.errno());
                    assertEquals(prefix + "_INIT " + tableName + ": EADDRINUSE (another multicast router owns "
                            + tableName + " in this network namespace (smcrouted, pimd, mrouted or a second mcroute router?))",
                            e.getMessage());
                    assertEquals(table, first.table());
                }
                // the failed open released nothing of the first, and closing the first frees the table
                open(options).close();
            }
        }
    }

    @Test
    void aVifTakesAnInterfaceByItsOwnFullNameOnly() throws Exception {
        ns.ip("link", "property", "add", "dev", "e0", "altname", "uplink0");
        ns.ip("link", "add", "abcdefghijklmno", "type", "veth", "peer", "name", "x1");
        try (MulticastRouter router = open(RouterOptions.defaults())) {
            // the kernel would find e0 by its alternative name, but events and dumps say "e0"
            MulticastRouterException altname = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV4, "uplink0")));
            assertEquals(Optional.of("ENODEV"), altname.errnoName());

            Vif e0 = router.addVif(VifSpec.of(Family.IPV4, "e0"));
            Vif longest = router.addVif(VifSpec.of(Family.IPV4, "abcdefghijklmno"));
            assertEquals(Integer.parseInt(ns.exec("cat", "/sys/class/net/e0/ifindex").strip()), e0.interfaceIndex());
            assertEquals(Integer.parseInt(ns.exec("cat", "/sys/class/net/abcdefghijklmno/ifindex").strip()),
                    longest.interfaceIndex());
            // the kernel's VIF table, "index name counters...", names the devices it bound
            List<String> kernelVifs = ns.exec("cat", "/proc/net/ip_mr_vif").lines().skip(1)
                    .map(line -> line.trim().split("\\s+", 3)).map(f -> f[0] + " " + f[1]).toList();
            assertEquals(List.of(e0.index() + " e0", longest.index() + " abcdefghijklmno"), kernelVifs);
        }
    }

    @Test
    void anIpv6MifRefusesAnInterfaceIndexItsSixteenBitsCannotName() throws Exception {
        // 70 000 would reach the kernel as 70 000 - 65 536 = 4 464: another interface here
        ns.ip("link", "add", "big0", "index", "70000", "type", "veth", "peer", "name", "small0", "index", "4464");
        try (MulticastRouter router = open(RouterOptions.defaults())) {
            MulticastRouterException refused = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV6, "big0")));
            assertEquals("MRT6_ADD_MIF IPV6 VIF on big0 on table 0: its interface index 70000 is above 65535,"
                    + " the most a MIF can name", refused.getMessage());
            assertEquals(List.of(), ns.exec("cat", "/proc/net/ip6_mr_vif").lines().skip(1).toList());
            Vif small = router.addVif(VifSpec.of(Family.IPV6, "small0"));
            assertEquals(4464, small.interfaceIndex());
        }
    }

    @Test
    void vifRouteAndMembershipErrorsNameTheCallTheObjectAndTheErrno() throws Exception {
        try (MulticastRouter router = open(RouterOptions.defaults())) {
            MulticastRouterException unknown = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV4, "nosuch0")));
            assertEquals("RTM_GETLINK interface nosuch0: ENODEV (no such interface in the router's network namespace)",
                    unknown.getMessage());

            Vif e0 = router.addVif(VifSpec.of(Family.IPV4, "e0"));
            MulticastRouterException twice = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV4, "e0")));
            assertEquals(Optional.of("EEXIST"), twice.errnoName());

            SourceGroup key = SourceGroup.parse("10.73.0.1", "239.73.0.1");
            MulticastRouterException noVif = assertThrows(MulticastRouterException.class,
                    () -> router.addRoute(MfcEntry.of(key.source(), key.group(), e0.index(),
                            List.of(new MfcEntry.Output(5, 1)))));
            assertEquals("MRT_ADD_MFC (10.73.0.1, 239.73.0.1) on table 0: ENODEV (output VIF 5 does not exist)",
                    noVif.getMessage());
            MulticastRouterException noRoute = assertThrows(MulticastRouterException.class, () -> router.counters(key));
            assertEquals("SIOCGETSGCNT", noRoute.operation());

            router.removeVif(e0);
            MulticastRouterException gone = assertThrows(MulticastRouterException.class, () -> router.removeVif(e0));
            assertEquals("MRT_DEL_VIF", gone.operation());
            assertEquals(Optional.of("ENOENT"), gone.errnoName());

            Membership join = Membership.anySource("e0", InetAddresses.parse("239.73.0.2"));
            router.groups().join(join);
            MulticastRouterException joinedTwice = assertThrows(MulticastRouterException.class,
                    () -> router.groups().join(join));
            assertEquals("MCAST_JOIN_GROUP (*, 239.73.0.2) on e0: EADDRINUSE (Address already in use)",
                    joinedTwice.getMessage());
            router.groups().leave(join);
            MulticastRouterException notJoined = assertThrows(MulticastRouterException.class,
                    () -> router.groups().leave(join));
            assertEquals(Optional.of("EADDRNOTAVAIL"), notJoined.errnoName());
        }
    }

    @Test
    void aClosedRouterRefusesEveryChange() throws Exception {
        MulticastRouter router = open(RouterOptions.defaults());
        router.close();
        MulticastRouterException vif = assertThrows(MulticastRouterException.class,
                () -> router.addVif(VifSpec.of(Family.IPV4, "e0")));
        assertEquals("MRT_ADD_VIF IPV4 VIF on e0 on table 0: the router is closed", vif.getMessage());
        MulticastRouterException join = assertThrows(MulticastRouterException.class,
                () -> router.groups().join(Membership.anySource("e0", InetAddresses.parse("239.73.0.3"))));
        assertTrue(join.getMessage().endsWith("the router is closed"), join.getMessage());
    }

    @Test
    void aRouterForOneFamilyRefusesTheOther() throws Exception {
        try (MulticastRouter router = open(RouterOptions.defaults().withFamilies(Family.IPV4))) {
            MulticastRouterException e = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV6, "e0")));
            assertEquals("MRT6_ADD_MIF IPV6 VIF on e0 on table 0: the router was opened without IPV6", e.getMessage());
        }
    }
}
