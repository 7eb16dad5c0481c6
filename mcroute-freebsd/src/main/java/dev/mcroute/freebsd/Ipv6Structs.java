package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.IF_SET_WORDS;
import static dev.mcroute.freebsd.FreeBsdAbi.MF6CCTL_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.MF6CC_IFSET;
import static dev.mcroute.freebsd.FreeBsdAbi.MF6CC_MCASTGRP;
import static dev.mcroute.freebsd.FreeBsdAbi.MF6CC_ORIGIN;
import static dev.mcroute.freebsd.FreeBsdAbi.MF6CC_PARENT;
import static dev.mcroute.freebsd.FreeBsdAbi.MIF6CTL_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.MIF6C_FLAGS;
import static dev.mcroute.freebsd.FreeBsdAbi.MIF6C_MIFI;
import static dev.mcroute.freebsd.FreeBsdAbi.MIF6C_PIFI;
import static dev.mcroute.freebsd.FreeBsdAbi.MR6_IBYTES;
import static dev.mcroute.freebsd.FreeBsdAbi.MR6_ICOUNT;
import static dev.mcroute.freebsd.FreeBsdAbi.MR6_MIFI;
import static dev.mcroute.freebsd.FreeBsdAbi.MR6_OBYTES;
import static dev.mcroute.freebsd.FreeBsdAbi.MR6_OCOUNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SG6_BYTECNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SG6_GRP;
import static dev.mcroute.freebsd.FreeBsdAbi.SG6_PKTCNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SG6_SRC;
import static dev.mcroute.freebsd.FreeBsdAbi.SG6_WRONG_IF;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOC_MIF_REQ6_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOC_SG_REQ6_SIZE;
import static dev.mcroute.freebsd.CStructs.read;
import static dev.mcroute.freebsd.CStructs.struct;

import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.VifCounters;
import java.nio.ByteBuffer;

/**
 * Encoders and decoders of the IPv6 multicast routing structs of {@code sys/netinet6/ip6_mroute.h}.
 * FreeBSD MIFs carry no TTL threshold and routes name their outputs as a bit set, so the
 * thresholds of IPv6 outputs cannot reach the kernel.
 */
final class Ipv6Structs {
    private Ipv6Structs() {
    }

    /**
     * @param mifi    the slot
     * @param flags   MIFF_ flags
     * @param ifindex the physical interface's index (ignored by the kernel for a register MIF)
     * @return {@code struct mif6ctl}
     */
    static byte[] mif6ctl(int mifi, int flags, int ifindex) {
        ByteBuffer b = struct(MIF6CTL_SIZE);
        b.putShort(MIF6C_MIFI, (short) mifi);
        b.put(MIF6C_FLAGS, (byte) flags);
        b.putShort(MIF6C_PIFI, (short) ifindex);
        return b.array();
    }

    /**
     * @param entry an IPv6 route
     * @return {@code struct mf6cctl} with one bit per output MIF
     */
    static byte[] mf6cctl(MfcEntry entry) {
        ByteBuffer b = keyed(entry.key());
        b.putShort(MF6CC_PARENT, (short) entry.inputVif());
        int[] words = new int[IF_SET_WORDS];
        for (MfcEntry.Output out : entry.outputs()) {
            words[out.vif() / 32] |= 1 << (out.vif() % 32);
        }
        for (int i = 0; i < IF_SET_WORDS; i++) {
            b.putInt(MF6CC_IFSET + 4 * i, words[i]);
        }
        return b.array();
    }

    /**
     * @param key source and group
     * @return {@code struct mf6cctl} naming only the route, as MRT6_DEL_MFC reads it
     */
    static byte[] mf6cctlKey(SourceGroup key) {
        return keyed(key).array();
    }

    private static ByteBuffer keyed(SourceGroup key) {
        ByteBuffer b = struct(MF6CCTL_SIZE);
        Sockaddrs.put(b, MF6CC_ORIGIN, key.source());
        Sockaddrs.put(b, MF6CC_MCASTGRP, key.group());
        return b;
    }

    /**
     * @param key source and group
     * @return {@code struct sioc_sg_req6} to ask SIOCGETSGCNT_IN6
     */
    static byte[] sgRequest(SourceGroup key) {
        ByteBuffer b = struct(SIOC_SG_REQ6_SIZE);
        Sockaddrs.put(b, SG6_SRC, key.source());
        Sockaddrs.put(b, SG6_GRP, key.group());
        return b.array();
    }

    /**
     * @param answer the {@code struct sioc_sg_req6} the kernel filled in
     * @return its counters
     */
    static RouteCounters sgCounters(byte[] answer) {
        ByteBuffer b = read(answer);
        return new RouteCounters(b.getLong(SG6_PKTCNT), b.getLong(SG6_BYTECNT), b.getLong(SG6_WRONG_IF));
    }

    /**
     * @param mifi a MIF index
     * @return {@code struct sioc_mif_req6} to ask SIOCGETMIFCNT_IN6
     */
    static byte[] mifRequest(int mifi) {
        return struct(SIOC_MIF_REQ6_SIZE).putShort(MR6_MIFI, (short) mifi).array();
    }

    /**
     * @param answer the {@code struct sioc_mif_req6} the kernel filled in
     * @return its counters
     */
    static VifCounters mifCounters(byte[] answer) {
        ByteBuffer b = read(answer);
        return new VifCounters(b.getLong(MR6_ICOUNT), b.getLong(MR6_IBYTES), b.getLong(MR6_OCOUNT), b.getLong(MR6_OBYTES));
    }
}
