package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.GROUP_REQ_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.GROUP_SOURCE_REQ_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.GR_GROUP;
import static dev.mcroute.freebsd.FreeBsdAbi.GR_INTERFACE;
import static dev.mcroute.freebsd.FreeBsdAbi.GSR_GROUP;
import static dev.mcroute.freebsd.FreeBsdAbi.GSR_INTERFACE;
import static dev.mcroute.freebsd.FreeBsdAbi.GSR_SOURCE;
import static dev.mcroute.freebsd.CStructs.struct;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The protocol-independent join requests of RFC 3678 ({@code struct group_req},
 * {@code struct group_source_req} in {@code sys/netinet/in.h}), used for both families.
 */
final class GroupRequests {
    private GroupRequests() {
    }

    /**
     * @param ifindex the interface
     * @param group   the group
     * @return {@code struct group_req} for MCAST_JOIN_GROUP / MCAST_LEAVE_GROUP
     */
    static byte[] groupReq(int ifindex, InetAddress group) {
        ByteBuffer b = struct(GROUP_REQ_SIZE);
        b.putInt(GR_INTERFACE, ifindex);
        Sockaddrs.put(b, GR_GROUP, group);
        return b.array();
    }

    /**
     * @param ifindex the interface
     * @param source  the sender
     * @param group   the group
     * @return {@code struct group_source_req} for MCAST_JOIN_SOURCE_GROUP / MCAST_LEAVE_SOURCE_GROUP
     */
    static byte[] groupSourceReq(int ifindex, InetAddress source, InetAddress group) {
        ByteBuffer b = struct(GROUP_SOURCE_REQ_SIZE);
        b.putInt(GSR_INTERFACE, ifindex);
        Sockaddrs.put(b, GSR_GROUP, group);
        Sockaddrs.put(b, GSR_SOURCE, source);
        return b.array();
    }
}
