package dev.mcroute.linux;

import static dev.mcroute.linux.RouterTopology.PORT;
import static dev.mcroute.linux.RouterTopology.host;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.MulticastTraffic;
import dev.mcroute.testkit.netns.MulticastTraffic.Receiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two routers in one namespace on tables 1 and 2, with {@code ip mrule} sending traffic that
 * arrives on r0 to table 1 and traffic that arrives on r1 to table 2: each forwards only its own.
 */
class TablesTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final Duration SILENCE = Duration.ofMillis(700);

    private static RouterTopology net;

    @BeforeAll
    static void createTopology() {
        KernelTestPreconditions.require();
        net = RouterTopology.create();
        net.router.ip("mrule", "add", "iif", "r0", "lookup", "1");
        net.router.ip("mrule", "add", "iif", "r1", "lookup", "2");
    }

    @AfterAll
    static void deleteTopology() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void routersOnTwoTablesEachForwardOnlyTheTrafficTheRulesGiveThem() throws Exception {
        InetAddress g1 = InetAddresses.parse("239.71.1.1");
        InetAddress g2 = InetAddresses.parse("239.71.2.2");
        SourceGroup fromSender = new SourceGroup(host(Family.IPV4, 0), g1);
        SourceGroup fromA = new SourceGroup(host(Family.IPV4, 1), g2);
        RouterOptions ipv4 = RouterOptions.defaults().withFamilies(Family.IPV4);
        try (MulticastRouter one = net.openRouter(ipv4.withTable(1));
             MulticastRouter two = net.openRouter(ipv4.withTable(2));
             Receiver a = MulticastTraffic.receiver(net.receiverA, "a0", new InetSocketAddress(g1, PORT));
             Receiver b1 = MulticastTraffic.receiver(net.receiverB, "b0", new InetSocketAddress(g1, PORT));
             Receiver b2 = MulticastTraffic.receiver(net.receiverB, "b0", new InetSocketAddress(g2, PORT + 1))) {
            Vif oneR0 = one.addVif(VifSpec.of(Family.IPV4, "r0"));
            Vif oneR1 = one.addVif(VifSpec.of(Family.IPV4, "r1"));
            Vif oneR2 = one.addVif(VifSpec.of(Family.IPV4, "r2"));
            Vif twoR0 = two.addVif(VifSpec.of(Family.IPV4, "r0"));
            Vif twoR1 = two.addVif(VifSpec.of(Family.IPV4, "r1"));
            Vif twoR2 = two.addVif(VifSpec.of(Family.IPV4, "r2"));
            one.addRoute(MfcEntry.between(fromSender, oneR0, List.of(oneR1)));
            one.addRoute(MfcEntry.between(fromA, oneR1, List.of(oneR2)));
            // table 2 would send the sender's traffic to B, if it were asked
            two.addRoute(MfcEntry.between(fromSender, twoR0, List.of(twoR2)));
            two.addRoute(MfcEntry.between(fromA, twoR1, List.of(twoR2)));

            MulticastTraffic.send(net.sender, "s0", new InetSocketAddress(g1, PORT), 8, 4, "t1");
            assertEquals(List.of("t1-0", "t1-1", "t1-2", "t1-3"), a.awaitCount(4, ARRIVAL));
            assertEquals(List.of(), b1.collectFor(SILENCE));

            MulticastTraffic.send(net.receiverA, "a0", new InetSocketAddress(g2, PORT + 1), 8, 3, "t2");
            assertEquals(List.of("t2-0", "t2-1", "t2-2"), b2.awaitCount(3, ARRIVAL));

            assertEquals(4, one.counters(fromSender).packets());
            assertEquals(0, two.counters(fromSender).packets());
            assertEquals(0, one.counters(fromA).packets());
            assertEquals(3, two.counters(fromA).packets());
            assertEquals(3, two.counters(twoR2).packetsOut());
            assertEquals(0, one.counters(oneR2).packetsOut());
        }
    }
}
