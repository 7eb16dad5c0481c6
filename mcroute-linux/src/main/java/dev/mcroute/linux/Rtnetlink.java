package dev.mcroute.linux;

import static dev.mcroute.linux.NetlinkAbi.*;

import com.sun.jna.Memory;
import dev.mcroute.api.Family;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.InterfaceFlag;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An rtnetlink socket: either for dumps of links and addresses, or subscribed to the link and
 * IPv4/IPv6 address groups for events. It sees the network namespace of the thread that opened it.
 * Dumps are serialized on this object; {@link #drain(Consumer)} is for the one event thread.
 */
final class Rtnetlink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Rtnetlink.class.getName());
    /** Names of links left out and logged: once each, as a link's every change repeats it. */
    private static final Set<String> LEFT_OUT = ConcurrentHashMap.newKeySet();
    private static final int BUFFER = 64 * 1024;
    private static final int EVENT_SOCKET_BUFFER = 1024 * 1024;

    /** A link as a message describes it. */
    record Link(boolean removed, int index, String name, int flags) {
    }

    /** An address of a link as a message describes it. */
    record Address(boolean removed, int index, InterfaceAddress address) {
    }

    private final int fd;
    private final Memory buffer = new Memory(BUFFER);
    private int sequence;
    private volatile boolean closed;

    private Rtnetlink(int fd) {
        this.fd = fd;
    }

    /** @return a socket for dumps */
    static Rtnetlink openForDumps() {
        return new Rtnetlink(socket());
    }

    /** @return a socket that receives link and address changes */
    static Rtnetlink openForEvents() {
        int fd = socket();
        try (Memory value = new Memory(SOCKADDR_NL_SIZE)) {
            value.setInt(0, EVENT_SOCKET_BUFFER);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, value, 4); // best effort: overflows resync
            value.clear();
            value.setShort(SOCKADDR_NL_FAMILY, (short) Libc.AF_NETLINK);
            value.setInt(SOCKADDR_NL_GROUPS, RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR);
            if (Libc.bind(fd, value, SOCKADDR_NL_SIZE) < 0) {
                int errno = Errno.last();
                Libc.close(fd);
                throw Errno.exception("bind", "rtnetlink socket to link and address groups", errno);
            }
        }
        return new Rtnetlink(fd);
    }

    private static int socket() {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw Errno.exception("socket", "rtnetlink", Errno.last());
        }
        return fd;
    }

    int fd() {
        return fd;
    }

    /** @return every interface with its addresses, by index */
    synchronized List<NetInterface> interfaces() {
        if (closed) {
            // never touch a closed descriptor: its number may already belong to another socket
            throw new MulticastRouterException("RTM_GETLINK", "dump", "the router is closed");
        }
        Map<Integer, Link> links = new LinkedHashMap<>();
        Map<Integer, List<InterfaceAddress>> addresses = new LinkedHashMap<>();
        dump(RTM_GETLINK, IFINFOMSG_SIZE, message -> {
            if (message instanceof Link link) {
                links.put(link.index(), link);
            }
        });
        dump(RTM_GETADDR, IFADDRMSG_SIZE, message -> {
            if (message instanceof Address address) {
                addresses.computeIfAbsent(address.index(), i -> new ArrayList<>()).add(address.address());
            }
        });
        List<NetInterface> result = new ArrayList<>(links.size());
        links.values().stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).forEach(link ->
                toInterface(link, addresses.getOrDefault(link.index(), List.of())).ifPresent(result::add));
        return result;
    }

    /**
     * Asks for the one link by name, where a dump would bring every link of the namespace for
     * each VIF and each join (hundreds of messages on a router with a VLAN per customer).
     *
     * @param name an interface name
     * @return its index, or 0 if no interface has that name (an alternative name does not count:
     *         interface events and dumps carry the primary one)
     */
    synchronized int indexOf(String name) {
        if (closed) {
            throw new MulticastRouterException("RTM_GETLINK", "interface " + name, "the router is closed");
        }
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII); // VifSpec and Membership allow 15 ASCII characters
        int attribute = NLMSGHDR_SIZE + align(IFINFOMSG_SIZE);
        int attributeLength = RTATTR_SIZE + bytes.length + 1; // with the NUL the kernel expects
        int length = attribute + align(attributeLength);
        int seq = header(RTM_GETLINK, NLM_F_REQUEST | NLM_F_ACK, length);
        buffer.setShort(attribute, (short) attributeLength);
        buffer.setShort(attribute + 2, (short) IFLA_IFNAME);
        buffer.write(attribute + RTATTR_SIZE, bytes, 0, bytes.length);
        String subject = "interface " + name;
        send(length, "RTM_GETLINK", subject);
        int[] index = {0};
        try {
            receive(seq, "RTM_GETLINK", subject, message -> {
                if (message instanceof Link link && link.name().equals(name)) {
                    index[0] = link.index();
                }
            });
        } catch (MulticastRouterException e) {
            if (e.errno() != Errno.ENODEV) {
                throw e;
            }
        }
        return index[0];
    }

    /**
     * @return the interface, or empty when the API cannot name it: the kernel takes names the API
     *     refuses (bytes above 0x7e, say), and such a link is left out, as if it were absent
     */
    static Optional<NetInterface> toInterface(Link link, List<InterfaceAddress> addresses) {
        try {
            return Optional.of(new NetInterface(link.name(), link.index(), flags(link.flags()), addresses));
        } catch (IllegalArgumentException unnamable) {
            if (LEFT_OUT.add(link.name())) {
                LOG.log(System.Logger.Level.WARNING, "interface " + link.index() + " left out: " + unnamable.getMessage());
            }
            return Optional.empty();
        }
    }

    static Set<InterfaceFlag> flags(int bits) {
        Set<InterfaceFlag> flags = EnumSet.noneOf(InterfaceFlag.class);
        if ((bits & IFF_UP) != 0) {
            flags.add(InterfaceFlag.UP);
        }
        if ((bits & IFF_RUNNING) != 0) {
            flags.add(InterfaceFlag.RUNNING);
        }
        if ((bits & IFF_MULTICAST) != 0) {
            flags.add(InterfaceFlag.MULTICAST);
        }
        if ((bits & IFF_LOOPBACK) != 0) {
            flags.add(InterfaceFlag.LOOPBACK);
        }
        if ((bits & IFF_POINTOPOINT) != 0) {
            flags.add(InterfaceFlag.POINTOPOINT);
        }
        return flags;
    }

    /** Sends a dump request with a zeroed family header (all families) and decodes every answer. */
    private void dump(int type, int bodySize, Consumer<Object> sink) {
        int length = NLMSGHDR_SIZE + bodySize;
        int seq = header(type, NLM_F_REQUEST | NLM_F_DUMP, length);
        String call = type == RTM_GETLINK ? "RTM_GETLINK" : "RTM_GETADDR";
        send(length, call, "dump");
        receive(seq, call, "dump", sink);
    }

    /** Zeroes a request of {@code length} bytes in the buffer and writes its header; returns its sequence number. */
    private int header(int type, int flags, int length) {
        int seq = ++sequence;
        buffer.clear(length);
        buffer.setInt(NLMSGHDR_LEN, length);
        buffer.setShort(NLMSGHDR_TYPE, (short) type);
        buffer.setShort(NLMSGHDR_FLAGS, (short) flags);
        buffer.setInt(NLMSGHDR_SEQ, seq);
        return seq;
    }

    private void send(int length, String call, String subject) {
        if (Libc.send(fd, buffer, length, 0) < 0) {
            throw Errno.exception(call, subject, Errno.last());
        }
    }

    /** Decodes the answers to request {@code seq} until its end (NLMSG_DONE, or the acknowledgement). */
    private void receive(int seq, String call, String subject, Consumer<Object> sink) {
        while (true) {
            long n = Libc.recv(fd, buffer, BUFFER, 0);
            if (n < 0) {
                int errno = Errno.last();
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw Errno.exception(call, subject, errno);
            }
            if (decode(buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder()), seq, call, subject, sink)) {
                return;
            }
        }
    }

    /**
     * Reads every queued event without blocking.
     *
     * @param sink receives {@link Link} and {@link Address} messages in kernel order
     * @return false if the kernel dropped events because the socket buffer overflowed
     */
    boolean drain(Consumer<Object> sink) {
        while (!closed) {
            long n = Libc.recv(fd, buffer, BUFFER, Libc.MSG_DONTWAIT);
            if (n < 0) {
                int errno = Errno.last();
                if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                    return true;
                }
                if (errno == Errno.ENOBUFS) {
                    return false;
                }
                throw Errno.exception("recv", "rtnetlink events", errno);
            }
            decode(buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder()), -1, "recv", "rtnetlink event", sink);
        }
        return true;
    }

    /** Decodes one datagram; returns true at the end of the answers to request {@code seq}. */
    private static boolean decode(ByteBuffer data, int seq, String call, String subject, Consumer<Object> sink) {
        int start = 0;
        while (start + NLMSGHDR_SIZE <= data.limit()) {
            int length = data.getInt(start + NLMSGHDR_LEN);
            int type = data.getShort(start + NLMSGHDR_TYPE) & 0xffff;
            if (length < NLMSGHDR_SIZE || start + length > data.limit()) {
                return false;
            }
            boolean ours = seq < 0 || data.getInt(start + NLMSGHDR_SEQ) == seq;
            int body = start + NLMSGHDR_SIZE;
            if (ours && type == NLMSG_DONE) {
                return true;
            }
            if (ours && type == NLMSG_ERROR) {
                int error = -data.getInt(body + NLMSGERR_ERROR);
                if (error != 0) {
                    throw Errno.exception(call, subject, error);
                }
                return true;
            }
            if ((type == RTM_NEWLINK || type == RTM_DELLINK) && data.get(body + IFINFOMSG_FAMILY) == 0) {
                // only AF_UNSPEC: AF_BRIDGE messages describe bridge ports, and their DELLINK is no removal
                sink.accept(link(data, body, start + length, type == RTM_DELLINK));
            } else if (type == RTM_NEWADDR || type == RTM_DELADDR) {
                Address address = address(data, body, start + length, type == RTM_DELADDR);
                if (address != null) {
                    sink.accept(address);
                }
            }
            start += align(length);
        }
        return false;
    }

    private static Link link(ByteBuffer data, int body, int end, boolean removed) {
        int index = data.getInt(body + IFINFOMSG_INDEX);
        int flags = data.getInt(body + IFINFOMSG_FLAGS);
        String name = null;
        for (int at = body + align(IFINFOMSG_SIZE); at + RTATTR_SIZE <= end; ) {
            int length = data.getShort(at) & 0xffff;
            int type = data.getShort(at + 2) & 0x3fff;
            if (length < RTATTR_SIZE) {
                break;
            }
            if (type == IFLA_IFNAME) {
                name = cString(data, at + RTATTR_SIZE, length - RTATTR_SIZE);
            }
            at += align(length);
        }
        if (name == null) {
            throw new MulticastRouterException("rtnetlink", "link " + index, "message without IFLA_IFNAME");
        }
        return new Link(removed, index, name, flags);
    }

    private static Address address(ByteBuffer data, int body, int end, boolean removed) {
        int family = data.get(body + IFADDRMSG_FAMILY);
        int prefix = data.get(body + IFADDRMSG_PREFIXLEN) & 0xff;
        int index = data.getInt(body + IFADDRMSG_INDEX);
        int size = family == Libc.AF_INET ? 4 : family == Libc.AF_INET6 ? 16 : 0;
        if (size == 0) {
            return null;
        }
        byte[] address = null;
        byte[] local = null;
        for (int at = body + align(IFADDRMSG_SIZE); at + RTATTR_SIZE <= end; ) {
            int length = data.getShort(at) & 0xffff;
            int type = data.getShort(at + 2) & 0x3fff;
            if (length < RTATTR_SIZE) {
                break;
            }
            if ((type == IFA_ADDRESS || type == IFA_LOCAL) && length - RTATTR_SIZE == size) {
                byte[] value = new byte[size];
                data.get(at + RTATTR_SIZE, value);
                if (type == IFA_LOCAL) {
                    local = value;
                } else {
                    address = value;
                }
            }
            at += align(length);
        }
        // on point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is always this end
        byte[] own = local != null ? local : address;
        if (own == null) {
            return null;
        }
        try {
            InetAddress inet = InetAddress.getByAddress(own);
            return new Address(removed, index, new InterfaceAddress(inet, Math.min(prefix, Family.of(inet).maxPrefixLength())));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String cString(ByteBuffer data, int offset, int max) {
        int length = 0;
        while (length < max && data.get(offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        data.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
