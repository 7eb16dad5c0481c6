package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import dev.mcroute.daemon.privileges.KernelTestSupport;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An announcer in a router namespace, a raw IGMP socket in a neighbour namespace across a veth
 * pair: what arrives there is checked byte by byte.
 */
@Timeout(120)
class MrdiscAnnouncerTest {

    static final int MRT_INIT = 200;
    static final int MRT_ADD_VIF = 202;
    static final int VIFF_USE_IFINDEX = 0x8;
    static final int VIFCTL_SIZE = 16;
    static final int VIFCTL_IFINDEX_OFFSET = 8;

    private MrdiscTopology net;

    @BeforeEach
    void topology() throws Exception {
        KernelTestSupport.requireRootAnd("ip");
        net = new MrdiscTopology();
    }

    @AfterEach
    void removeTopology() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    /** Runs with the router namespace's multicast routing active (MRT_INIT, r0 a VIF), as under the daemon. */
    @Test
    void initialAdvertisementsThenOneAnswerToASolicitationThenTerminationOnDisable() throws Exception {
        int mrouteSocket = net.inRouter().call(MrdiscAnnouncerTest::initMulticastRoutingOnR0);
        try (MrdiscAnnouncer announcer = net.inRouter().call(() -> MrdiscAnnouncer.open(180))) {
            announcer.start(List.of("r0"));
            for (int i = 0; i < MrdiscAnnouncer.MAX_INITIAL_ADVERTISEMENTS; i++) {
                assertAdvertisement(net.nextFromRouter(), 180);
            }
            // The next periodic one is due in about 180 s: an advertisement now answers the solicitation.
            net.sendFromNeighbour(MrdiscMessage.solicitation(), MrdiscAnnouncer.ALL_ROUTERS);
            assertAdvertisement(net.nextFromRouter(), 180);

            announcer.update(List.of());
            byte[] termination = net.nextFromRouter();
            assertIpHeader(termination, 4);
            assertArrayEquals(MrdiscMessage.termination(), Arrays.copyOfRange(termination, 24, 28));
        } finally {
            MrdiscLibc.INSTANCE.close(mrouteSocket);
        }
    }

    /** MRT_INIT on a raw IGMP socket and r0 as VIF 0 (by index); closing the socket ends routing. */
    private static int initMulticastRoutingOnR0() throws IOException {
        MrdiscLibc libc = MrdiscLibc.INSTANCE;
        int fd = libc.socket(MrdiscLibc.AF_INET, MrdiscLibc.SOCK_RAW, MrdiscLibc.IPPROTO_IGMP);
        Memory one = new Memory(4);
        one.setInt(0, 1);
        Memory vif = new Memory(VIFCTL_SIZE);
        vif.clear();
        vif.setByte(2, (byte) VIFF_USE_IFINDEX);
        vif.setByte(3, (byte) 1);
        try (IgmpSocket names = IgmpSocket.open()) {
            vif.setInt(VIFCTL_IFINDEX_OFFSET, names.indexOf("r0"));
        }
        if (fd < 0 || libc.setsockopt(fd, MrdiscLibc.IPPROTO_IP, MRT_INIT, one, 4) != 0
                || libc.setsockopt(fd, MrdiscLibc.IPPROTO_IP, MRT_ADD_VIF, vif, VIFCTL_SIZE) != 0) {
            throw IgmpSocket.error("MRT_INIT/MRT_ADD_VIF r0", com.sun.jna.Native.getLastError());
        }
        return fd;
    }

    @Test
    void periodicAdvertisementsFollowTheInitialOnesAndCloseTerminates() throws Exception {
        MrdiscAnnouncer announcer = net.inRouter().call(() -> MrdiscAnnouncer.open(4));
        try {
            announcer.start(List.of("r0", "no-such-if0"));
            for (int i = 0; i < MrdiscAnnouncer.MAX_INITIAL_ADVERTISEMENTS + 1; i++) {
                assertAdvertisement(net.nextFromRouter(), 4);
            }
            announcer.close();
            assertEquals(MrdiscMessage.TERMINATION, net.nextFromRouter()[24] & 0xff);
            assertThrows(IllegalStateException.class, () -> announcer.update(List.of("r0")));
        } finally {
            announcer.close();
        }
    }

    @Test
    void ipv6AdvertisementsThenOneAnswerToASolicitationThenTerminationOnDisable() throws Exception {
        try (MrdiscAnnouncer announcer = net.inRouter().call(() -> MrdiscAnnouncer.open(180))) {
            announcer.start(List.of("r0"));
            for (int i = 0; i < MrdiscAnnouncer.MAX_INITIAL_ADVERTISEMENTS; i++) {
                Icmp6Socket.Received advertisement = net.nextV6FromRouter();
                assertIpv6(advertisement, 8);
                byte[] icmp = advertisement.icmp();
                assertEquals(MrdiscMessage.ADVERTISEMENT_V6, icmp[0] & 0xff, "type");
                assertEquals(180, icmp[1] & 0xff, "Advertisement Interval");
                assertArrayEquals(new byte[4], Arrays.copyOfRange(icmp, 4, 8), "Query Interval and Robustness Variable");
            }
            net.sendV6FromNeighbour(MrdiscMessage.solicitationV6(), Icmp6Socket.ALL_ROUTERS);
            assertEquals(MrdiscMessage.ADVERTISEMENT_V6, net.nextV6FromRouter().icmp()[0] & 0xff);

            announcer.update(List.of());
            Icmp6Socket.Received termination = net.nextV6FromRouter();
            assertIpv6(termination, 4);
            assertEquals(MrdiscMessage.TERMINATION_V6, termination.icmp()[0] & 0xff);
        }
    }

    /** Hop limit 1, Router Alert in the Hop-by-Hop header, link-local source, ICMPv6 checksum right. */
    private static void assertIpv6(Icmp6Socket.Received packet, int length) {
        assertEquals(length, packet.icmp().length, "ICMPv6 length");
        assertEquals(1, packet.hopLimit(), "hop limit");
        assertEquals(8, packet.hopOptions().length, "Hop-by-Hop header length");
        assertArrayEquals(Arrays.copyOfRange(Icmp6Socket.HOP_BY_HOP_ROUTER_ALERT, 2, 8),
                Arrays.copyOfRange(packet.hopOptions(), 2, 8), "Router Alert (MLD) and PadN");
        assertEquals(true, packet.source().isLinkLocalAddress(), "source " + packet.source());
        byte[] pseudo = new byte[40 + length];
        System.arraycopy(packet.source().getAddress(), 0, pseudo, 0, 16);
        System.arraycopy(packet.destination().getAddress(), 0, pseudo, 16, 16);
        pseudo[35] = (byte) length;
        pseudo[39] = 58;
        System.arraycopy(packet.icmp(), 0, pseudo, 40, length);
        assertEquals(0, MrdiscMessage.checksum(pseudo, 0, pseudo.length), "ICMPv6 checksum");
    }


    private static void assertAdvertisement(byte[] packet, int interval) {
        assertIpHeader(packet, 8);
        byte[] igmp = Arrays.copyOfRange(packet, 24, packet.length);
        assertEquals(MrdiscMessage.ADVERTISEMENT, igmp[0] & 0xff, "type");
        assertEquals(interval, igmp[1] & 0xff, "Advertisement Interval");
        assertEquals(0, MrdiscMessage.checksum(igmp, 0, igmp.length), "checksum");
        assertArrayEquals(new byte[4], Arrays.copyOfRange(igmp, 4, 8), "Query Interval and Robustness Variable");
    }

    /** IPv4 header with the Router Alert option: 24 bytes, TTL 1, IGMP, 10.99.0.1 to 224.0.0.106. */
    private static void assertIpHeader(byte[] packet, int igmpLength) {
        assertEquals(0x46, packet[0] & 0xff, "version 4, header length 24");
        assertEquals(24 + igmpLength, (packet[2] & 0xff) << 8 | packet[3] & 0xff, "total length");
        assertEquals(1, packet[8] & 0xff, "TTL");
        assertEquals(2, packet[9] & 0xff, "protocol IGMP");
        assertEquals(0, MrdiscMessage.checksum(packet, 0, 24), "IP header checksum");
        assertArrayEquals(new byte[] {10, 99, 0, 1}, Arrays.copyOfRange(packet, 12, 16), "source");
        assertArrayEquals(new byte[] {(byte) 224, 0, 0, 106}, Arrays.copyOfRange(packet, 16, 20), "destination");
        assertArrayEquals(IgmpSocket.ROUTER_ALERT_OPTION, Arrays.copyOfRange(packet, 20, 24), "Router Alert option");
        assertEquals(24 + igmpLength, packet.length, "packet length");
    }
}
