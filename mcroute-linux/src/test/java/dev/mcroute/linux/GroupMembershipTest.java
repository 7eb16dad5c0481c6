package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.NetNamespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
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
        List<Membership> list = new ArrayList<>();
        for (int i = 1; i <= GROUPS; i++) {
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
