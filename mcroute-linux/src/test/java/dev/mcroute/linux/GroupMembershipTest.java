package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.NetNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ASM and SSM joins, IPv4 and IPv6, read back from the kernel's /proc/net files of the router's
 * namespace; 25 groups each, more than the 20 that {@code igmp_max_memberships} allows per socket.
 */
class GroupMembershipTest {
    private static final int GROUPS = 25;

    private NetNamespace ns;
    private MulticastRouter router;

    @BeforeEach
    void open() throws Exception {
        KernelTestPreconditions.require();
        ns = NetNamespace.create("mcl-g");
        ns.ip("link", "add", "g0", "type", "veth", "peer", "name", "g1");
        ns.ip("link", "set", "g0", "up");
        ns.ip("link", "set", "g1", "up");
        router = ns.call(() -> MulticastRouters.open(RouterOptions.defaults().withProvider("linux")));
    }

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static List<Membership> memberships(IntFunction<Membership> nth) {
        return memberships(GROUPS, nth);
    }

    /** @return the 1st to the count-th */
    private static List<Membership> memberships(int count, IntFunction<Membership> nth) {
        List<Membership> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(nth.apply(i));
        }
        return list;
    }

    private static Set<String> texts(List<Membership> memberships) {
        Set<String> texts = new HashSet<>();
        memberships.forEach(m -> texts.add(m.toString()));
        return texts;
    }

    @Test
    void asmAndSsmJoinsOfBothFamiliesShowUpInProcNetAndGoAwayOnLeaveAndClose() {
        List<Membership> asm4 = memberships(i -> Membership.anySource("g0", InetAddresses.parse("239.72.1." + i)));
        List<Membership> ssm4 = memberships(i -> Membership.sourceSpecific("g0", InetAddresses.parse("10.72.0.9"),
                InetAddresses.parse("232.72.1." + i)));
        List<Membership> asm6 = memberships(i -> Membership.anySource("g0", InetAddresses.parse("ff1e::72:" + i)));
        List<Membership> ssm6 = memberships(i -> Membership.sourceSpecific("g0", InetAddresses.parse("fd72::9"),
                InetAddresses.parse("ff3e::72:" + i)));
        List<Membership> all = new ArrayList<>();
        for (List<Membership> list : List.of(asm4, ssm4, asm6, ssm6)) {
            list.forEach(router.groups()::join);
            all.addAll(list);
        }
        assertEquals(all, router.groups().memberships());
        Set<String> kernel = ProcNetMemberships.read(ns);
        for (List<Membership> list : List.of(asm4, ssm4, asm6, ssm6)) {
            assertTrue(kernel.containsAll(texts(list)), "missing from /proc/net: " + difference(texts(list), kernel));
        }

        asm4.forEach(router.groups()::leave);
        ssm6.forEach(router.groups()::leave);
        kernel = ProcNetMemberships.read(ns);
        assertEquals(Set.of(), intersection(texts(asm4), kernel));
        assertEquals(Set.of(), intersection(texts(ssm6), kernel));
        assertTrue(kernel.containsAll(texts(ssm4)) && kernel.containsAll(texts(asm6)), kernel.toString());

        router.close();
        kernel = ProcNetMemberships.read(ns);
        assertEquals(Set.of(), intersection(texts(all), kernel));
    }

    @Test
    void aSocketThatRefusedGroupsTakesOneAgainAfterALeave() throws IOException {
        long before = openSockets();
        List<Membership> forty = memberships(40, i -> Membership.anySource("g0", InetAddresses.parse("239.73.1." + i)));
        forty.forEach(router.groups()::join);
        assertEquals(before + 2, openSockets(), "two sockets of 20 groups");

        router.groups().leave(forty.get(0));
        Membership another = Membership.anySource("g0", InetAddresses.parse("239.73.2.1"));
        router.groups().join(another);
        assertEquals(before + 2, openSockets(), "the first socket takes the group in the room the leave made");
        Set<String> kernel = ProcNetMemberships.read(ns);
        assertTrue(kernel.contains(another.toString()), kernel.toString());
        assertFalse(kernel.contains(forty.get(0).toString()), kernel.toString());
    }

    @Test
    void aSocketWithAllTheSourcesItMayHoldForOneGroupStillTakesOtherGroups() throws IOException {
        long before = openSockets();
        // igmp_max_msf: 10 sources of a group per socket, so 25 take three sockets
        List<Membership> sources = memberships(i -> Membership.sourceSpecific("g0",
                InetAddresses.parse("10.74.0." + i), InetAddresses.parse("232.74.0.1")));
        sources.forEach(router.groups()::join);
        assertEquals(before + 3, openSockets());
        // each of the three holds one group and has room for 19 more (igmp_max_memberships 20)
        List<Membership> groups = memberships(50, i -> Membership.sourceSpecific("g0",
                InetAddresses.parse("10.74.0.1"), InetAddresses.parse("232.74.1." + i)));
        groups.forEach(router.groups()::join);
        assertEquals(before + 3, openSockets(), "no socket is given up for groups while it has room");
        Set<String> kernel = ProcNetMemberships.read(ns);
        assertTrue(kernel.containsAll(texts(sources)) && kernel.containsAll(texts(groups)),
                "missing from /proc/net: " + difference(union(texts(sources), texts(groups)), kernel));
    }

    @Test
    void aMembershipJoinedAgainIsRefusedAlsoWhenTheSocketHoldingItIsSkippedAsFull() throws IOException {
        long before = openSockets();
        List<Membership> asm = memberships(21, i -> Membership.anySource("g0", InetAddresses.parse("239.75.1." + i)));
        asm.forEach(router.groups()::join); // the first socket refused the 21st: full
        // 11 sources of one group: the first socket refused the 11th (igmp_max_msf 10)
        List<Membership> ssm = memberships(11, i -> Membership.sourceSpecific("g0",
                InetAddresses.parse("10.75.0." + i), InetAddresses.parse("232.75.0.1")));
        ssm.forEach(router.groups()::join);
        long sockets = openSockets();
        assertEquals(before + 4, sockets);

        // the kernel's answers to a repeated join on a socket at no limit
        Map<Membership, String> refusals = Map.of(asm.get(0), "EADDRINUSE", ssm.get(0), "EADDRNOTAVAIL");
        for (Membership again : List.of(asm.get(0), ssm.get(0))) {
            MulticastRouterException refused = assertThrows(MulticastRouterException.class,
                    () -> router.groups().join(again));
            assertEquals(Optional.of(refusals.get(again)), refused.errnoName(), refused.getMessage());
            router.groups().leave(again);
            assertFalse(ProcNetMemberships.read(ns).contains(again.toString()),
                    again + " was joined on a second socket, which the leave left holding it");
        }
        assertEquals(sockets, openSockets());
        List<Membership> left = new ArrayList<>(asm.subList(1, 21));
        left.addAll(ssm.subList(1, 11));
        assertEquals(left, router.groups().memberships());
    }

    /** Sockets this JVM holds; the router's are the only ones the tests open or close. */
    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false; // the listing's own descriptor, closed by now
                }
            }).count();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.retainAll(b);
        return d;
    }
}
