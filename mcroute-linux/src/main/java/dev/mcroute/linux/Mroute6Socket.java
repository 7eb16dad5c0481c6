package dev.mcroute.linux;

import static dev.mcroute.linux.MrouteAbi.*;

import com.sun.jna.Pointer;
import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.VifCounters;

/**
 * IPv6 multicast routing on a raw ICMPv6 socket ({@code linux/mroute6.h}). The kernel keeps no
 * per-output TTL threshold for IPv6 routes (an {@code if_set} bitmap only), so the thresholds of
 * {@link MfcEntry.Output} are not installed for IPv6.
 */
final class Mroute6Socket extends MrouteSocket {
    private Mroute6Socket(int table, int fd) {
        super(Family.IPV6, table, fd);
    }

    static Mroute6Socket open(int table) {
        int fd = rawSocket(Libc.AF_INET6, Libc.IPPROTO_ICMPV6, "raw ICMPv6 socket for IPv6 table " + table);
        Mroute6Socket socket = new Mroute6Socket(table, fd);
        try {
            socket.blockIcmp6();
            socket.takeTable(Libc.IPPROTO_IPV6, MRT6_TABLE, MRT6_INIT, MRT6_ASSERT, "MRT6");
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
        return socket;
    }

    /** Upcalls bypass the ICMPv6 filter; ordinary ICMPv6 traffic is of no use to a router's socket. */
    private synchronized void blockIcmp6() {
        request.setMemory(0, ICMP6_FILTER_SIZE, (byte) 0xff);
        int errno = setRequest(Libc.IPPROTO_ICMPV6, ICMP6_FILTER, ICMP6_FILTER_SIZE);
        if (errno != 0) {
            throw Errno.exception("ICMP6_FILTER", "raw ICMPv6 socket", errno);
        }
    }

    @Override
    synchronized void addVif(int vif, int interfaceIndex, int ttlThreshold, String interfaceName) {
        request.clear(MIF6CTL_SIZE);
        request.setShort(MIF6CTL_MIFI, (short) vif);
        request.setByte(MIF6CTL_THRESHOLD, (byte) ttlThreshold);
        request.setShort(MIF6CTL_PIFI, (short) interfaceIndex);
        int errno = setRequest(Libc.IPPROTO_IPV6, MRT6_ADD_MIF, MIF6CTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT6_ADD_MIF",
                    "MIF " + vif + " on " + interfaceName + " (ifindex " + interfaceIndex + ") on table " + table, errno);
        }
    }

    @Override
    synchronized void removeVif(int vif, String interfaceName) {
        request.setShort(0, (short) vif); // MRT6_DEL_MIF takes a bare mifi_t
        int errno = setRequest(Libc.IPPROTO_IPV6, MRT6_DEL_MIF, 2);
        if (errno != 0) {
            throw Errno.exception("MRT6_DEL_MIF", "MIF " + vif + " on " + interfaceName + " on table " + table, errno);
        }
    }

    @Override
    synchronized void addRoute(MfcEntry entry) {
        writeKey(entry.key());
        request.setShort(MF6CCTL_PARENT, (short) entry.inputVif());
        for (MfcEntry.Output out : entry.outputs()) {
            int word = MF6CCTL_IFSET + 4 * (out.vif() / NIFBITS);
            request.setInt(word, request.getInt(word) | 1 << (out.vif() % NIFBITS));
        }
        int errno = setRequest(Libc.IPPROTO_IPV6, MRT6_ADD_MFC, MF6CCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT6_ADD_MFC", entry.key() + " on table " + table, errno);
        }
    }

    @Override
    synchronized void removeRoute(SourceGroup key) {
        writeKey(key);
        int errno = setRequest(Libc.IPPROTO_IPV6, MRT6_DEL_MFC, MF6CCTL_SIZE);
        if (errno != 0) {
            throw Errno.exception("MRT6_DEL_MFC", key + " on table " + table, errno);
        }
    }

    private void writeKey(SourceGroup key) {
        request.clear(MF6CCTL_SIZE);
        writeSockaddr(MF6CCTL_ORIGIN, key.source().getAddress());
        writeSockaddr(MF6CCTL_MCASTGRP, key.group().getAddress());
    }

    private void writeSockaddr(int offset, byte[] address) {
        request.setShort(offset + SOCKADDR_IN6_FAMILY, (short) Libc.AF_INET6);
        request.write(offset + SOCKADDR_IN6_ADDR, address, 0, 16);
    }

    @Override
    synchronized RouteCounters counters(SourceGroup key) {
        request.clear(SIOC_SG_REQ6_SIZE);
        writeSockaddr(SIOC_SG_REQ6_SRC, key.source().getAddress());
        writeSockaddr(SIOC_SG_REQ6_GRP, key.group().getAddress());
        int errno = ioctlRequest(SIOCGETSGCNT_IN6);
        if (errno != 0) {
            throw Errno.exception("SIOCGETSGCNT_IN6", key + " on table " + table, errno);
        }
        return routeCounters(request, SIOC_SG_REQ6_PKTCNT, SIOC_SG_REQ6_BYTECNT, SIOC_SG_REQ6_WRONG_IF);
    }

    @Override
    synchronized VifCounters counters(int vif) {
        request.clear(SIOC_MIF_REQ6_SIZE);
        request.setShort(SIOC_MIF_REQ6_MIFI, (short) vif);
        int errno = ioctlRequest(SIOCGETMIFCNT_IN6);
        if (errno != 0) {
            throw Errno.exception("SIOCGETMIFCNT_IN6", "MIF " + vif + " on table " + table, errno);
        }
        return vifCounters(request, SIOC_MIF_REQ6_ICOUNT, SIOC_MIF_REQ6_IBYTES, SIOC_MIF_REQ6_OCOUNT,
                SIOC_MIF_REQ6_OBYTES);
    }

    @Override
    Upcall decodeUpcall(Pointer message, int length) {
        // an mrt6msg starts with 0 where an ICMPv6 message has its (never 0) type
        if (length < MRT6MSG_SIZE || message.getByte(MRT6MSG_MBZ) != 0) {
            return null;
        }
        Upcall.Type type;
        switch (message.getByte(MRT6MSG_MSGTYPE)) {
            case MRT6MSG_NOCACHE:
                type = Upcall.Type.NOCACHE;
                break;
            case MRT6MSG_WRONGMIF:
            case MRT6MSG_WRMIFWHOLE:
                type = Upcall.Type.WRONGVIF;
                break;
            case MRT6MSG_WHOLEPKT:
                type = Upcall.Type.WHOLEPKT;
                break;
            default:
                return null;
        }
        int mif = message.getShort(MRT6MSG_MIF) & 0xffff;
        if (mif >= MAXMIFS) {
            return null;
        }
        return new Upcall(type, mif, new SourceGroup(address(message, MRT6MSG_SRC, 16), address(message, MRT6MSG_DST, 16)));
    }

    @Override
    synchronized void done() {
        request.setInt(0, 0);
        Libc.setsockopt(fd, Libc.IPPROTO_IPV6, MRT6_DONE, request, 4);
    }
}
