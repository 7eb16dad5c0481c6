package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcroute.api.GroupMembership;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.Membership;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouterOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class MembershipTest {
    private static InetAddress ip(String text) {
        return InetAddresses.parse(text);
    }

    @Test
    void fortyFiveIpv4JoinsNeedThreeSocketsOfTwentyGroups(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            for (int i = 1; i <= 20; i++) {
                router.groups().join(Membership.anySource("eth0", ip("225.0.0." + i)));
            }
            assertEquals(1, kernel.membershipSockets());
            for (int i = 21; i <= 45; i++) {
                router.groups().join(Membership.anySource("eth0", ip("225.0.0." + i)));
            }

            assertEquals(3, kernel.membershipSockets());
            assertEquals(45, kernel.memberships("eth0").size());
            assertEquals(Membership.anySource("eth0", ip("225.0.0.1")), router.groups().memberships().get(0));
        }
        assertEquals(0, kernel.membershipSockets());
        assertEquals(List.of(), kernel.memberships("eth0"));
    }

    @Test
    void aSocketHoldsTenSourcesOfAnIpv4GroupAndIpv6HasNoGroupLimit(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            for (int i = 1; i <= 11; i++) {
                router.groups().join(Membership.sourceSpecific("eth0", ip("10.0.0." + i), ip("232.1.1.1")));
            }
            assertEquals(2, kernel.membershipSockets());

            for (int i = 1; i <= 45; i++) {
                router.groups().join(Membership.anySource("eth0", ip("ff05::" + Integer.toHexString(i))));
            }
            assertEquals(3, kernel.membershipSockets());
        }
    }

    @Test
    void aSocketWithRoomIsReusedAfterALeave(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            for (int i = 1; i <= 20; i++) {
                router.groups().join(Membership.anySource("eth0", ip("225.0.0." + i)));
            }
            router.groups().leave(Membership.anySource("eth0", ip("225.0.0.7")));
            router.groups().join(Membership.anySource("eth0", ip("225.0.0.99")));

            assertEquals(1, kernel.membershipSockets());
        }
    }

    @Test
    void joinAndLeaveFailAsTheKernelDoes(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            GroupMembership groups = router.groups();
            Membership asm = Membership.anySource("eth0", ip("225.1.2.3"));
            Membership ssm = Membership.sourceSpecific("eth0", ip("10.0.0.1"), ip("232.1.2.3"));
            groups.join(asm);
            groups.join(ssm);

            MulticastRouterException twice = assertThrows(MulticastRouterException.class, () -> groups.join(asm));
            assertEquals("IP_ADD_MEMBERSHIP (*, 225.1.2.3) on eth0: EADDRINUSE (Address already in use: already joined)",
                    twice.getMessage());
            MulticastRouterException twiceSsm = assertThrows(MulticastRouterException.class, () -> groups.join(ssm));
            assertEquals("IP_ADD_SOURCE_MEMBERSHIP", twiceSsm.operation());
            assertEquals(98, twiceSsm.errno());

            MulticastRouterException unknown = assertThrows(MulticastRouterException.class,
                    () -> groups.join(Membership.anySource("eth7", ip("ff05::1"))));
            assertEquals("IPV6_ADD_MEMBERSHIP", unknown.operation());
            assertEquals(19, unknown.errno());
            assertEquals(Optional.of("ENODEV"), unknown.errnoName());

            MulticastRouterException notMember = assertThrows(MulticastRouterException.class,
                    () -> groups.leave(Membership.sourceSpecific("eth0", ip("10.0.0.2"), ip("232.1.2.3"))));
            assertEquals("IP_DROP_SOURCE_MEMBERSHIP", notMember.operation());
            assertEquals(99, notMember.errno());

            groups.leave(asm);
            assertEquals(List.of(ssm), groups.memberships());
            assertEquals(List.of(ssm), kernel.memberships("eth0"));
        }
    }

    @Test
    void theKernelListsEachGroupOnceAcrossRoutersAndDropsThemWithTheInterface(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        try (MulticastRouter table0 = kernel.openRouter(RouterOptions.defaults());
             MulticastRouter table1 = kernel.openRouter(RouterOptions.defaults().withTable(1))) {
            Membership shared = Membership.anySource("eth0", ip("225.1.1.1"));
            table0.groups().join(shared);
            table1.groups().join(shared);
            table1.groups().join(Membership.anySource("eth1", ip("225.1.1.2")));

            assertEquals(List.of(shared), kernel.memberships("eth0"));

            kernel.removeInterface("eth0");

            assertEquals(List.of(), table0.groups().memberships());
            assertEquals(List.of(Membership.anySource("eth1", ip("225.1.1.2"))), table1.groups().memberships());
            assertEquals(List.of(), kernel.memberships("eth0"));
        }
    }
}
