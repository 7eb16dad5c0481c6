package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET6;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAM_ADDRS;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAM_INDEX;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAN_ARRIVAL;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAN_DEPARTURE;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAN_INDEX;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAN_NAME;
import static dev.mcroute.freebsd.FreeBsdAbi.IFAN_WHAT;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_MSGHDR_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.IFM_FLAGS;
import static dev.mcroute.freebsd.FreeBsdAbi.IFM_INDEX;
import static dev.mcroute.freebsd.FreeBsdAbi.IF_ANNOUNCEMSGHDR_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.IF_NAMESIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.RTAX_IFA;
import static dev.mcroute.freebsd.FreeBsdAbi.RTAX_MAX;
import static dev.mcroute.freebsd.FreeBsdAbi.RTAX_NETMASK;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_DELADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_IFANNOUNCE;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_IFINFO;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_MSGLEN;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_NEWADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_TYPE;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_VERSION;
import static dev.mcroute.freebsd.FreeBsdAbi.RTM_VERSION_OFFSET;
import static dev.mcroute.freebsd.FreeBsdAbi.SA_ALIGN;

import dev.mcroute.api.InterfaceAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses what a {@code PF_ROUTE} socket reads into {@link RoutingMessage}s, keeping the messages
 * about interfaces and skipping the rest (route changes, other versions, truncated messages).
 */
final class RoutingMessages {
    private RoutingMessages() {
    }

    /**
     * @param bytes  one read from the routing socket (one or more messages)
     * @param length how many bytes were read
     * @return the interface messages in it, in order
     */
    static List<RoutingMessage> parse(byte[] bytes, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<RoutingMessage> messages = new ArrayList<>();
        int offset = 0;
        while (offset + 4 <= length) {
            int msglen = b.getShort(offset + RTM_MSGLEN) & 0xffff;
            if (msglen < 4 || offset + msglen > length) {
                break;
            }
            if ((b.get(offset + RTM_VERSION_OFFSET) & 0xff) == RTM_VERSION) {
                one(b, offset, msglen).ifPresent(messages::add);
            }
            offset += msglen;
        }
        return messages;
    }

    private static Optional<RoutingMessage> one(ByteBuffer b, int offset, int msglen) {
        int type = b.get(offset + RTM_TYPE) & 0xff;
        if (type == RTM_IFINFO && msglen >= IFM_INDEX + 2) {
            return Optional.of(new RoutingMessage.InterfaceInfo(
                    b.getShort(offset + IFM_INDEX) & 0xffff, b.getInt(offset + IFM_FLAGS)));
        }
        if (type == RTM_IFANNOUNCE && msglen >= IF_ANNOUNCEMSGHDR_SIZE) {
            int what = b.getShort(offset + IFAN_WHAT) & 0xffff;
            if (what != IFAN_ARRIVAL && what != IFAN_DEPARTURE) {
                return Optional.empty();
            }
            return Optional.of(new RoutingMessage.InterfaceAnnounce(
                    b.getShort(offset + IFAN_INDEX) & 0xffff, name(b.array(), offset + IFAN_NAME), what == IFAN_ARRIVAL));
        }
        if ((type == RTM_NEWADDR || type == RTM_DELADDR) && msglen >= IFA_MSGHDR_SIZE) {
            return address(b, offset, msglen).map(a -> new RoutingMessage.AddressChange(
                    b.getShort(offset + IFAM_INDEX) & 0xffff, type == RTM_NEWADDR, a));
        }
        return Optional.empty();
    }

    /** Reads the sockaddrs after an ifa_msghdr, one per bit of ifam_addrs, each padded by SA_SIZE. */
    private static Optional<InterfaceAddress> address(ByteBuffer b, int offset, int msglen) {
        int addrs = b.getInt(offset + IFAM_ADDRS);
        int[] starts = new int[RTAX_MAX];
        int[] lengths = new int[RTAX_MAX];
        int p = offset + IFA_MSGHDR_SIZE;
        int end = offset + msglen;
        for (int i = 0; i < RTAX_MAX; i++) {
            starts[i] = -1;
            if ((addrs & (1 << i)) == 0) {
                continue;
            }
            if (p >= end) {
                return Optional.empty();
            }
            int saLen = b.get(p) & 0xff;
            if (p + Math.max(saLen, 2) > end) {
                return Optional.empty();
            }
            starts[i] = p;
            lengths[i] = saLen;
            p += saLen == 0 ? SA_ALIGN : 1 + ((saLen - 1) | (SA_ALIGN - 1));
        }
        if (starts[RTAX_IFA] < 0) {
            return Optional.empty();
        }
        byte[] bytes = b.array();
        Optional<InetAddress> address = Sockaddrs.read(bytes, starts[RTAX_IFA], lengths[RTAX_IFA]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        boolean ipv6 = (bytes[starts[RTAX_IFA] + 1] & 0xff) == AF_INET6;
        int maxLength = ipv6 ? 128 : 32;
        int prefix = starts[RTAX_NETMASK] < 0 ? maxLength
                : Sockaddrs.prefixLength(bytes, starts[RTAX_NETMASK], lengths[RTAX_NETMASK], ipv6);
        return Optional.of(new InterfaceAddress(address.get(), prefix));
    }

    private static String name(byte[] bytes, int offset) {
        int length = 0;
        while (length < IF_NAMESIZE && bytes[offset + length] != 0) {
            length++;
        }
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }
}
