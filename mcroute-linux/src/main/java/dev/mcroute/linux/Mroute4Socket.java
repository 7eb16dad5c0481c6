package dev.mcroute.linux;

import static dev.mcroute.linux.MrouteAbi.*;

import com.sun.jna.Pointer;
import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.VifCounters;

/** IPv4 multicast routing on a raw IGMP socket ({@code linux/mroute.h}). */
final class Mroute4Socket extends MrouteSocket {
    private Mroute4Socket(int table, int fd) {
        super(Family.IPV4, table, fd);
    }

    static Mroute4Socket open(int table) {
        int fd = rawSocket(Libc.AF_INET, Libc.IPPROTO_IGMP, "raw IGMP socket for IPv4 table " + table);
        Mroute4Socket socket = new Mroute4Socket(table, fd);
        try {
            socket.takeTable(Libc.IPPROTO_IP, MRT_TABLE, MRT_INIT, MRT_ASSERT, "MRT");
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
        return socket;
    }

    @Override
    synchronized void addVif(int vif, int interfaceIndex, int ttlThreshold, String interfaceName) {
        request.clear(VIFCTL_SIZE);
        request.setShort(VIFCTL_VIFI, (short) vif);
        request.setByte(VIFCTL_FLAGS, (byte) VIFF_USE_IFINDEX);
        request.setByte(VIFCTL_THRESHOLD, (byte) ttlThreshold);
        request.setInt(VIFCTL_LCL_IFINDEX, interfaceIndex);
        int errno = setRequest(Libc.IPPROTO_IP, MRT_ADD_VIF, VIFCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT_ADD_VIF",
                    "VIF " + vif + " on " + interfaceName + " (ifindex " + interfaceIndex + ") on table " + table, errno);
        }
    }

    @Override
    synchronized void removeVif(int vif, String interfaceName) {
        request.clear(VIFCTL_SIZE);
        request.setShort(VIFCTL_VIFI, (short) vif);
        int errno = setRequest(Libc.IPPROTO_IP, MRT_DEL_VIF, VIFCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT_DEL_VIF", "VIF " + vif + " on " + interfaceName + " on table " + table, errno);
        }
    }

    @Override
    synchronized void addRoute(MfcEntry entry) {
        writeKey(entry.key());
        request.setShort(MFCCTL_PARENT, (short) entry.inputVif());
        for (MfcEntry.Output out : entry.outputs()) {
            request.setByte(MFCCTL_TTLS + out.vif(), (byte) out.ttlThreshold());
        }
        int errno = setRequest(Libc.IPPROTO_IP, MRT_ADD_MFC, MFCCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT_ADD_MFC", entry.key() + " on table " + table, errno);
        }
    }

    @Override
    synchronized void removeRoute(SourceGroup key) {
        writeKey(key);
        int errno = setRequest(Libc.IPPROTO_IP, MRT_DEL_MFC, MFCCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT_DEL_MFC", key + " on table " + table, errno);
        }
    }

    private void writeKey(SourceGroup key) {
        request.clear(MFCCTL_SIZE);
        request.write(MFCCTL_ORIGIN, key.source().getAddress(), 0, 4);
        request.write(MFCCTL_MCASTGRP, key.group().getAddress(), 0, 4);
    }

    @Override
    synchronized RouteCounters counters(SourceGroup key) {
        request.clear(SIOC_SG_REQ_SIZE);
        request.write(SIOC_SG_REQ_SRC, key.source().getAddress(), 0, 4);
        request.write(SIOC_SG_REQ_GRP, key.group().getAddress(), 0, 4);
        int errno = ioctlRequest(SIOCGETSGCNT);
        if (errno != 0) {
            throw Errno.exception("SIOCGETSGCNT", key + " on table " + table, errno);
        }
        return routeCounters(request, SIOC_SG_REQ_PKTCNT, SIOC_SG_REQ_BYTECNT, SIOC_SG_REQ_WRONG_IF);
    }

    @Override
    synchronized VifCounters counters(int vif) {
        request.clear(SIOC_VIF_REQ_SIZE);
        request.setShort(SIOC_VIF_REQ_VIFI, (short) vif);
        int errno = ioctlRequest(SIOCGETVIFCNT);
        if (errno != 0) {
            throw Errno.exception("SIOCGETVIFCNT", "VIF " + vif + " on table " + table, errno);
        }
        return vifCounters(request, SIOC_VIF_REQ_ICOUNT, SIOC_VIF_REQ_IBYTES, SIOC_VIF_REQ_OCOUNT, SIOC_VIF_REQ_OBYTES);
    }

    @Override
    Upcall decodeUpcall(Pointer message, int length) {
        // an igmpmsg has 0 where an IP header has its protocol (2 for the IGMP this socket also reads)
        if (length < IGMPMSG_SIZE || message.getByte(IGMPMSG_MBZ) != 0) {
            return null;
        }
        Upcall.Type type;
        switch (message.getByte(IGMPMSG_MSGTYPE)) {
            case IGMPMSG_NOCACHE:
                type = Upcall.Type.NOCACHE;
                break;
            case IGMPMSG_WRONGVIF:
            case IGMPMSG_WRVIFWHOLE:
                type = Upcall.Type.WRONGVIF;
                break;
            case IGMPMSG_WHOLEPKT:
                type = Upcall.Type.WHOLEPKT;
                break;
            default:
                return null;
        }
        int vif = (message.getByte(IGMPMSG_VIF) & 0xff) | (message.getByte(IGMPMSG_VIF_HI) & 0xff) << 8;
        if (vif >= MAXVIFS) {
            return null;
        }
        return new Upcall(type, vif, new SourceGroup(address(message, IGMPMSG_SRC, 4), address(message, IGMPMSG_DST, 4)));
    }

    @Override
    synchronized void done() {
        request.setInt(0, 0);
        Libc.setsockopt(fd, Libc.IPPROTO_IP, MRT_DONE, request, 4);
    }
}
