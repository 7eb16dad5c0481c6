package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A raw ICMPv6 socket for IPv6 Multicast Router Discovery: hop limit 1 and a Hop-by-Hop header
 * with the Router Alert option (RFC 2711, value 0) on everything it sends, the interface chosen
 * per message; the kernel computes and checks ICMPv6 checksums. Receives with the destination
 * and ingress interface ({@code IPV6_PKTINFO}). Opening it and setting the Hop-by-Hop header
 * need CAP_NET_RAW. Used by one thread.
 */
final class Icmp6Socket implements MrdChannel {

    /** Hop-by-Hop header: next header (kernel fills it), length 0 (8 bytes), Router Alert 0, PadN. */
    static final byte[] HOP_BY_HOP_ROUTER_ALERT = {0, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00};
    static final Inet6Address ALL_SNOOPERS = address("ff02::6a");
    static final Inet6Address ALL_ROUTERS = address("ff02::2");
    private static final int RECEIVE_BUFFER_SIZE = 2048;
    private static final int CONTROL_BUFFER_SIZE = 256;

    private final MrdiscLibc libc = MrdiscLibc.INSTANCE;
    private final int fd;
    private final Memory interfaceRequest = new Memory(MrdiscLibc.IFREQ_SIZE);
    private final Memory destination = new Memory(MrdiscLibc.SOCKADDR_IN6_SIZE);
    private final Memory source = new Memory(MrdiscLibc.SOCKADDR_IN6_SIZE);
    private final Memory receiveBuffer = new Memory(RECEIVE_BUFFER_SIZE);
    private final Memory control = new Memory(CONTROL_BUFFER_SIZE);
    private final Memory iovec = new Memory(MrdiscLibc.IOVEC_SIZE);
    private final Memory message = new Memory(MrdiscLibc.MSGHDR_SIZE);

    /**
     * A received ICMPv6 message with what the kernel told about it.
     *
     * @param hopLimit   the IPv6 hop limit, -1 unless IPV6_RECVHOPLIMIT is on
     * @param hopOptions the Hop-by-Hop header, empty unless IPV6_RECVHOPOPTS is on
     */
    record Received(int ifindex, Inet6Address source, Inet6Address destination, int hopLimit, byte[] hopOptions,
            byte[] icmp) {}

    private Icmp6Socket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket (CAP_NET_RAW) with hop limit 1, Router Alert, no loopback, IPV6_RECVPKTINFO. */
    static Icmp6Socket open() throws IOException {
        MrdiscLibc libc = MrdiscLibc.INSTANCE;
        int fd = libc.socket(MrdiscLibc.AF_INET6, MrdiscLibc.SOCK_RAW | MrdiscLibc.SOCK_CLOEXEC, MrdiscLibc.IPPROTO_ICMPV6);
        if (fd < 0) {
            throw IgmpSocket.error("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", Native.getLastError());
        }
        Icmp6Socket socket = new Icmp6Socket(fd);
        try {
            socket.setInt(MrdiscLibc.IPV6_MULTICAST_HOPS, 1, "IPV6_MULTICAST_HOPS 1");
            socket.setInt(MrdiscLibc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP 0");
            socket.setInt(MrdiscLibc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO 1");
            Memory header = new Memory(HOP_BY_HOP_ROUTER_ALERT.length);
            header.write(0, HOP_BY_HOP_ROUTER_ALERT, 0, HOP_BY_HOP_ROUTER_ALERT.length);
            socket.set(MrdiscLibc.IPV6_HOPOPTS, header, HOP_BY_HOP_ROUTER_ALERT.length, "IPV6_HOPOPTS router alert");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.iovec.setPointer(0, socket.receiveBuffer);
        socket.iovec.setLong(8, RECEIVE_BUFFER_SIZE);
        return socket;
    }

    @Override
    public String family() {
        return "IPv6";
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public int indexOf(String name) {
        return IgmpSocket.interfaceIndex(fd, name, interfaceRequest);
    }

    @Override
    public void allRouters(int ifindex, boolean join) throws IOException {
        membership(ALL_ROUTERS, ifindex, join);
    }

    @Override
    public void advertise(int ifindex, int intervalSeconds) throws IOException {
        send(MrdiscMessage.advertisementV6(intervalSeconds), ALL_SNOOPERS, ifindex);
    }

    @Override
    public void terminate(int ifindex) throws IOException {
        send(MrdiscMessage.terminationV6(), ALL_SNOOPERS, ifindex);
    }

    @Override
    public int receiveSolicitation() throws IOException {
        Received packet = receive();
        if (packet == null) {
            return -1;
        }
        boolean solicitation = ALL_ROUTERS.equals(packet.destination()) && packet.icmp().length >= 4
                && (packet.icmp()[0] & 0xff) == MrdiscMessage.SOLICITATION_V6;
        return solicitation ? packet.ifindex() : 0;
    }

    /** Turns on an IPPROTO_IPV6 boolean option, e.g. IPV6_RECVHOPLIMIT. */
    void enable(int option) throws IOException {
        setInt(option, 1, "option " + option);
    }

    /** Joins or leaves {@code group} on interface {@code ifindex}. */
    void membership(Inet6Address group, int ifindex, boolean join) throws IOException {
        Memory request = new Memory(MrdiscLibc.IPV6_MREQ_SIZE);
        request.clear();
        request.write(0, group.getAddress(), 0, 16);
        request.setInt(MrdiscLibc.IPV6_MREQ_IFINDEX_OFFSET, ifindex);
        set(join ? MrdiscLibc.IPV6_ADD_MEMBERSHIP : MrdiscLibc.IPV6_DROP_MEMBERSHIP, request, MrdiscLibc.IPV6_MREQ_SIZE,
                (join ? "IPV6_ADD_MEMBERSHIP " : "IPV6_DROP_MEMBERSHIP ") + group.getHostAddress() + " ifindex " + ifindex);
    }

    /** Sends {@code icmp} (checksum left to the kernel) to {@code group} out of interface {@code ifindex}. */
    void send(byte[] icmp, Inet6Address group, int ifindex) throws IOException {
        setInt(MrdiscLibc.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF " + ifindex);
        destination.clear();
        destination.setShort(0, (short) MrdiscLibc.AF_INET6);
        destination.write(MrdiscLibc.SOCKADDR_IN6_ADDR_OFFSET, group.getAddress(), 0, 16);
        destination.setInt(MrdiscLibc.SOCKADDR_IN6_SCOPE_OFFSET, ifindex);
        if (libc.sendto(fd, icmp, icmp.length, 0, destination, MrdiscLibc.SOCKADDR_IN6_SIZE) != icmp.length) {
            throw IgmpSocket.error("sendto(" + group.getHostAddress() + " via ifindex " + ifindex + ")",
                    Native.getLastError());
        }
    }

    /** Receives one waiting message without blocking; null if none is waiting. */
    Received receive() throws IOException {
        message.clear();
        message.setPointer(0, source);
        message.setInt(8, MrdiscLibc.SOCKADDR_IN6_SIZE);
        message.setPointer(MrdiscLibc.MSGHDR_IOV_OFFSET, iovec);
        message.setLong(MrdiscLibc.MSGHDR_IOVLEN_OFFSET, 1);
        message.setPointer(MrdiscLibc.MSGHDR_CONTROL_OFFSET, control);
        message.setLong(MrdiscLibc.MSGHDR_CONTROLLEN_OFFSET, CONTROL_BUFFER_SIZE);
        long length = libc.recvmsg(fd, message, MrdiscLibc.MSG_DONTWAIT);
        if (length < 0) {
            int errno = Native.getLastError();
            if (errno == 11 /* EAGAIN */ || errno == 4 /* EINTR */) {
                return null;
            }
            throw IgmpSocket.error("recvmsg", errno);
        }
        long controlLength = message.getLong(MrdiscLibc.MSGHDR_CONTROLLEN_OFFSET);
        long info = ControlMessages.find(control, controlLength, MrdiscLibc.IPPROTO_IPV6, MrdiscLibc.IPV6_PKTINFO,
                MrdiscLibc.IN6_PKTINFO_SIZE);
        long hopLimit = ControlMessages.find(control, controlLength, MrdiscLibc.IPPROTO_IPV6, MrdiscLibc.IPV6_HOPLIMIT, 4);
        long hopOptions = ControlMessages.find(control, controlLength, MrdiscLibc.IPPROTO_IPV6, MrdiscLibc.IPV6_HOPOPTS, 2);
        return new Received(
                info < 0 ? 0 : control.getInt(info + MrdiscLibc.IN6_PKTINFO_IFINDEX_OFFSET),
                address(source.getByteArray(MrdiscLibc.SOCKADDR_IN6_ADDR_OFFSET, 16)),
                info < 0 ? null : address(control.getByteArray(info, 16)),
                hopLimit < 0 ? -1 : control.getInt(hopLimit),
                hopOptions < 0 ? new byte[0]
                        : control.getByteArray(hopOptions, ControlMessages.dataLength(control, hopOptions)),
                receiveBuffer.getByteArray(0, (int) length));
    }

    @Override
    public void close() {
        libc.close(fd);
    }

    private void setInt(int option, int value, String what) throws IOException {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        set(option, memory, 4, what);
    }

    private void set(int option, Pointer value, int length, String what) throws IOException {
        if (libc.setsockopt(fd, MrdiscLibc.IPPROTO_IPV6, option, value, length) != 0) {
            throw IgmpSocket.error("setsockopt(" + what + ")", Native.getLastError());
        }
    }

    private static Inet6Address address(byte[] bytes) {
        try {
            return (Inet6Address) InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Inet6Address address(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
