package dev.mcroute.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.VifCounters;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoded structs against the sizes and offsets worked out from the FreeBSD headers for LP64
 * (written here as plain numbers, not taken from {@link FreeBsdAbi}): where each field lands,
 * that integers are little-endian and addresses in network order, and that sockaddrs start with
 * their length.
 */
class StructLayoutTest {

    private static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    private static byte[] addr(String text) {
        return InetAddresses.parse(text).getAddress();
    }

    @Test
    void sockaddrsBeginWithTheirLengthThenTheFamily() {
        byte[] in = Sockaddrs.of(InetAddresses.parse("10.1.2.3"));
        assertEquals(16, in.length);
        assertEquals(16, in[0], "sin_len");
        assertEquals(2, in[1], "sin_family AF_INET");
        assertArrayEquals(addr("10.1.2.3"), slice(in, 4, 4), "sin_addr @4, network order");

        byte[] in6 = Sockaddrs.of(InetAddresses.parse("2001:db8::5"));
        assertEquals(28, in6.length);
        assertEquals(28, in6[0], "sin6_len");
        assertEquals(28, in6[1], "sin6_family AF_INET6 is 28 on FreeBSD");
        assertArrayEquals(addr("2001:db8::5"), slice(in6, 8, 16), "sin6_addr @8");
    }

    @Test
    void vifctl() {
        byte[] b = Ipv4Structs.vifctl(0x0102, 0x04, 0x7f, (Inet4Address) InetAddresses.parse("192.0.2.1"));
        assertEquals(16, b.length);
        assertArrayEquals(new byte[] {0x02, 0x01}, slice(b, 0, 2), "vifc_vifi u16 @0, little-endian");
        assertEquals(0x04, b[2], "vifc_flags @2");
        assertEquals(0x7f, b[3], "vifc_threshold @3");
        assertArrayEquals(new byte[4], slice(b, 4, 4), "vifc_rate_limit @4 is 0");
        assertArrayEquals(addr("192.0.2.1"), slice(b, 8, 4), "vifc_lcl_addr @8");
        assertArrayEquals(new byte[4], slice(b, 12, 4), "vifc_rmt_addr @12");
    }

    @Test
    void mfcctl() {
        MfcEntry entry = MfcEntry.of(InetAddresses.parse("192.0.2.9"), InetAddresses.parse("239.1.1.1"), 0x13,
                List.of(new MfcEntry.Output(0, 9), new MfcEntry.Output(31, 200)));
        byte[] b = Ipv4Structs.mfcctl(entry);
        assertEquals(44, b.length);
        assertArrayEquals(addr("192.0.2.9"), slice(b, 0, 4), "mfcc_origin @0");
        assertArrayEquals(addr("239.1.1.1"), slice(b, 4, 4), "mfcc_mcastgrp @4");
        assertArrayEquals(new byte[] {0x13, 0x00}, slice(b, 8, 2), "mfcc_parent u16 @8");
        assertEquals(9, b[10], "mfcc_ttls[0] @10");
        assertEquals((byte) 200, b[10 + 31], "mfcc_ttls[31] @41");
    }

    @Test
    void mif6ctlAndMf6cctl() {
        byte[] mif = Ipv6Structs.mif6ctl(0x0203, 0x01, 0x0405);
        assertEquals(6, mif.length);
        assertArrayEquals(new byte[] {0x03, 0x02, 0x01, 0x00, 0x05, 0x04}, mif, "mifi @0, flags @2, pad, pifi @4");

        MfcEntry entry = MfcEntry.of(InetAddresses.parse("2001:db8::9"), InetAddresses.parse("ff05::7"), 0x0a,
                List.of(new MfcEntry.Output(0, 1), new MfcEntry.Output(31, 1)));
        byte[] b = Ipv6Structs.mf6cctl(entry);
        assertEquals(92, b.length);
        assertEquals(28, b[0], "mf6cc_origin sin6_len @0");
        assertArrayEquals(addr("2001:db8::9"), slice(b, 8, 16));
        assertEquals(28, b[28], "mf6cc_mcastgrp @28");
        assertArrayEquals(addr("ff05::7"), slice(b, 28 + 8, 16));
        assertArrayEquals(new byte[] {0x0a, 0x00}, slice(b, 56, 2), "mf6cc_parent u16 @56");
        assertArrayEquals(new byte[] {0x01, 0x00, 0x00, (byte) 0x80}, slice(b, 60, 4),
                "ifs_bits[0] @60: MIFs 0 and 31 as a little-endian uint32_t");
    }

    @Test
    void counterRequestsAndAnswers() {
        SourceGroup v4 = SourceGroup.parse("192.0.2.9", "239.1.1.1");
        byte[] sg = Ipv4Structs.sgRequest(v4);
        assertEquals(32, sg.length, "sioc_sg_req: two in_addr, three u_long");
        assertArrayEquals(addr("192.0.2.9"), slice(sg, 0, 4));
        assertArrayEquals(addr("239.1.1.1"), slice(sg, 4, 4));
        sg[8] = 1;
        sg[16 + 1] = 1;
        sg[24 + 7] = 1;
        assertEquals(new RouteCounters(1, 256, 1L << 56), Ipv4Structs.sgCounters(sg), "u_long @8, @16, @24");

        byte[] vr = Ipv4Structs.vifRequest(0x0102);
        assertEquals(40, vr.length, "sioc_vif_req: vifi_t padded to 8, four u_long");
        assertArrayEquals(new byte[] {0x02, 0x01}, slice(vr, 0, 2));
        vr[8] = 1;
        vr[16] = 2;
        vr[24] = 3;
        vr[32] = 4;
        assertEquals(new VifCounters(1, 3, 2, 4), Ipv4Structs.vifCounters(vr), "icount @8, ocount @16, ibytes @24, obytes @32");

        byte[] sg6 = Ipv6Structs.sgRequest(SourceGroup.parse("2001:db8::9", "ff05::7"));
        assertEquals(80, sg6.length, "sioc_sg_req6: two sockaddr_in6, three u_quad_t from @56");
        assertEquals(28, sg6[0]);
        assertEquals(28, sg6[28]);
        sg6[56] = 5;
        sg6[64] = 6;
        sg6[72] = 7;
        assertEquals(new RouteCounters(5, 6, 7), Ipv6Structs.sgCounters(sg6));

        byte[] mr6 = Ipv6Structs.mifRequest(3);
        assertEquals(40, mr6.length, "sioc_mif_req6");
        mr6[8] = 1;
        mr6[16] = 2;
        mr6[24] = 3;
        mr6[32] = 4;
        assertEquals(new VifCounters(1, 3, 2, 4), Ipv6Structs.mifCounters(mr6));
    }

    @Test
    void groupRequests() {
        byte[] gr = GroupRequests.groupReq(0x0102, InetAddresses.parse("239.1.1.1"));
        assertEquals(136, gr.length, "group_req: u32, padding to 8, sockaddr_storage");
        assertArrayEquals(new byte[] {0x02, 0x01, 0, 0}, slice(gr, 0, 4));
        assertEquals(16, gr[8], "gr_group @8 is a sockaddr_in");

        byte[] gsr = GroupRequests.groupSourceReq(1, InetAddresses.parse("192.0.2.9"), InetAddresses.parse("232.1.1.1"));
        assertEquals(264, gsr.length);
        assertArrayEquals(addr("232.1.1.1"), slice(gsr, 8 + 4, 4), "gsr_group @8");
        assertArrayEquals(addr("192.0.2.9"), slice(gsr, 136 + 4, 4), "gsr_source @136");
    }

    @Test
    void ioctlRequestsFollowTheIowrMacro() {
        // _IOWR(g, n, t) = 0x80000000 | 0x40000000 | (sizeof(t) & 0x1fff) << 16 | g << 8 | n
        assertEquals(0xC028720FL, FreeBsdAbi.SIOCGETVIFCNT, "_IOWR('r', 15, struct sioc_vif_req) with sizeof 40");
        assertEquals(0xC0207210L, FreeBsdAbi.SIOCGETSGCNT, "_IOWR('r', 16, struct sioc_sg_req) with sizeof 32");
        assertEquals(0xC050756AL, FreeBsdAbi.SIOCGETSGCNT_IN6, "_IOWR('u', 106, struct sioc_sg_req6) with sizeof 80");
        assertEquals(0xC028756BL, FreeBsdAbi.SIOCGETMIFCNT_IN6, "_IOWR('u', 107, struct sioc_mif_req6) with sizeof 40");
    }
}
