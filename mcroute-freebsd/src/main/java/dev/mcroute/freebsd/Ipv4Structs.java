package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.MFCCTL_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.MFCC_MCASTGRP;
import static dev.mcroute.freebsd.FreeBsdAbi.MFCC_ORIGIN;
import static dev.mcroute.freebsd.FreeBsdAbi.MFCC_PARENT;
import static dev.mcroute.freebsd.FreeBsdAbi.MFCC_TTLS;
import static dev.mcroute.freebsd.FreeBsdAbi.SG_BYTECNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SG_GRP;
import static dev.mcroute.freebsd.FreeBsdAbi.SG_PKTCNT;
import static dev.mcroute.freebsd.FreeBsdAbi.SG_SRC;
import static dev.mcroute.freebsd.FreeBsdAbi.SG_WRONG_IF;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOC_SG_REQ_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.SIOC_VIF_REQ_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFCTL_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFC_FLAGS;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFC_LCL_ADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFC_RATE_LIMIT;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFC_THRESHOLD;
import static dev.mcroute.freebsd.FreeBsdAbi.VIFC_VIFI;
import static dev.mcroute.freebsd.FreeBsdAbi.VR_IBYTES;
import static dev.mcroute.freebsd.FreeBsdAbi.VR_ICOUNT;
import static dev.mcroute.freebsd.FreeBsdAbi.VR_OBYTES;
import static dev.mcroute.freebsd.FreeBsdAbi.VR_OCOUNT;
import static dev.mcroute.freebsd.FreeBsdAbi.VR_VIFI;

import static dev.mcroute.freebsd.CStructs.read;
import static dev.mcroute.freebsd.CStructs.struct;

import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.VifCounters;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** Encoders and decoders of the IPv4 multicast routing structs of {@code sys/netinet/ip_mroute.h}. */
final class Ipv4Structs {
    private Ipv4Structs() {
    }

    /**
     * @param vifi      the slot
     * @param flags     VIFF_ flags
     * @param threshold the TTL threshold
     * @param local     the interface's address, or {@code null} for a register VIF
     * @return {@code struct vifctl} (rate limit 0, no remote address)
     */
    static byte[] vifctl(int vifi, int flags, int threshold, Inet4Address local) {
        ByteBuffer b = struct(VIFCTL_SIZE);
        b.putShort(VIFC_VIFI, (short) vifi);
        b.put(VIFC_FLAGS, (byte) flags);
        b.put(VIFC_THRESHOLD, (byte) threshold);
        b.putInt(VIFC_RATE_LIMIT, 0);
        if (local != null) {
            b.put(VIFC_LCL_ADDR, local.getAddress());
        }
        return b.array();
    }

    /**
     * @param entry an IPv4 route
     * @return {@code struct mfcctl} with a TTL threshold per output VIF, 0 elsewhere
     */
    static byte[] mfcctl(MfcEntry entry) {
        ByteBuffer b = keyed(entry.key());
        b.putShort(MFCC_PARENT, (short) entry.inputVif());
        for (MfcEntry.Output out : entry.outputs()) {
            b.put(MFCC_TTLS + out.vif(), (byte) out.ttlThreshold());
        }
        return b.array();
    }

    /**
     * @param key source and group
     * @return {@code struct mfcctl} naming only the route, as MRT_DEL_MFC reads it
     */
    static byte[] mfcctlKey(SourceGroup key) {
        return keyed(key).array();
    }

    private static ByteBuffer keyed(SourceGroup key) {
        ByteBuffer b = struct(MFCCTL_SIZE);
        b.put(MFCC_ORIGIN, key.source().getAddress());
        b.put(MFCC_MCASTGRP, key.group().getAddress());
        return b;
    }

    /**
     * @param key source and group
     * @return {@code struct sioc_sg_req} to ask SIOCGETSGCNT
     */
    static byte[] sgRequest(SourceGroup key) {
        ByteBuffer b = struct(SIOC_SG_REQ_SIZE);
        b.put(SG_SRC, key.source().getAddress());
        b.put(SG_GRP, key.group().getAddress());
        return b.array();
    }

    /**
     * @param answer the {@code struct sioc_sg_req} the kernel filled in
     * @return its counters
     */
    static RouteCounters sgCounters(byte[] answer) {
        ByteBuffer b = read(answer);
        return new RouteCounters(b.getLong(SG_PKTCNT), b.getLong(SG_BYTECNT), b.getLong(SG_WRONG_IF));
    }

    /**
     * @param vifi a VIF index
     * @return {@code struct sioc_vif_req} to ask SIOCGETVIFCNT
     */
    static byte[] vifRequest(int vifi) {
        return struct(SIOC_VIF_REQ_SIZE).putShort(VR_VIFI, (short) vifi).array();
    }

    /**
     * @param answer the {@code struct sioc_vif_req} the kernel filled in
     * @return its counters
     */
    static VifCounters vifCounters(byte[] answer) {
        ByteBuffer b = read(answer);
        return new VifCounters(b.getLong(VR_ICOUNT), b.getLong(VR_IBYTES), b.getLong(VR_OCOUNT), b.getLong(VR_OBYTES));
    }
}
