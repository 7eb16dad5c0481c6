package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.IGMPMSG_NOCACHE;
import static dev.mcroute.freebsd.FreeBsdAbi.IGMPMSG_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.IGMPMSG_WHOLEPKT;
import static dev.mcroute.freebsd.FreeBsdAbi.IGMPMSG_WRONGVIF;
import static dev.mcroute.freebsd.FreeBsdAbi.IM6_DST;
import static dev.mcroute.freebsd.FreeBsdAbi.IM6_MBZ;
import static dev.mcroute.freebsd.FreeBsdAbi.IM6_MIF;
import static dev.mcroute.freebsd.FreeBsdAbi.IM6_MSGTYPE;
import static dev.mcroute.freebsd.FreeBsdAbi.IM6_SRC;
import static dev.mcroute.freebsd.FreeBsdAbi.IM_DST;
import static dev.mcroute.freebsd.FreeBsdAbi.IM_MBZ;
import static dev.mcroute.freebsd.FreeBsdAbi.IM_MSGTYPE;
import static dev.mcroute.freebsd.FreeBsdAbi.IM_SRC;
import static dev.mcroute.freebsd.FreeBsdAbi.IM_VIF;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6MSG_NOCACHE;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6MSG_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6MSG_WHOLEPKT;
import static dev.mcroute.freebsd.FreeBsdAbi.MRT6MSG_WRONGMIF;

import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.SourceGroup;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Turns what the multicast routing sockets read into {@link Upcall}s. The sockets also receive
 * ordinary IGMP and ICMPv6 traffic; the kernel marks its own messages with a zero where that
 * traffic never has one ({@code im_mbz} over {@code ip_p}, {@code im6_mbz} over the ICMPv6 type).
 */
final class UpcallParser {
    private UpcallParser() {
    }

    /**
     * @param bytes  what the IGMP socket read: an IP header, or a {@code struct igmpmsg} over one
     * @param length how many bytes were read
     * @return the upcall, or empty for IGMP traffic, bandwidth upcalls and unusable messages
     */
    static Optional<Upcall> igmpmsg(byte[] bytes, int length) {
        if (length < IGMPMSG_SIZE || bytes[IM_MBZ] != 0) {
            return Optional.empty();
        }
        return upcall(bytes[IM_MSGTYPE] & 0xff, IGMPMSG_NOCACHE, IGMPMSG_WRONGVIF, IGMPMSG_WHOLEPKT,
                bytes[IM_VIF] & 0xff,
                Sockaddrs.address(bytes, IM_SRC, 4), Sockaddrs.address(bytes, IM_DST, 4));
    }

    /**
     * @param bytes  what the ICMPv6 socket read: an ICMPv6 message, or a {@code struct mrt6msg}
     * @param length how many bytes were read
     * @return the upcall, or empty for ICMPv6 traffic and unusable messages
     */
    static Optional<Upcall> mrt6msg(byte[] bytes, int length) {
        if (length < MRT6MSG_SIZE || bytes[IM6_MBZ] != 0) {
            return Optional.empty();
        }
        int mif = CStructs.read(bytes).getShort(IM6_MIF) & 0xffff;
        return upcall(bytes[IM6_MSGTYPE] & 0xff, MRT6MSG_NOCACHE, MRT6MSG_WRONGMIF, MRT6MSG_WHOLEPKT, mif,
                Sockaddrs.address(bytes, IM6_SRC, 16), Sockaddrs.address(bytes, IM6_DST, 16));
    }

    private static Optional<Upcall> upcall(int type, int nocache, int wrongvif, int wholepkt, int vif,
                                           InetAddress source, InetAddress group) {
        Upcall.Type kind;
        if (type == nocache) {
            kind = Upcall.Type.NOCACHE;
        } else if (type == wrongvif) {
            kind = Upcall.Type.WRONGVIF;
        } else if (type == wholepkt) {
            kind = Upcall.Type.WHOLEPKT;
        } else {
            return Optional.empty();
        }
        if (vif >= Vif.MAX_VIFS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Upcall(kind, vif, new SourceGroup(source, group)));
        } catch (IllegalArgumentException e) {
            // e.g. a non-multicast destination in a mangled message: nothing a listener could route
            return Optional.empty();
        }
    }
}
