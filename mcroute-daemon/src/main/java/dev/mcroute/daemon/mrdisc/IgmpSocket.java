package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * A raw IGMP socket for Multicast Router Discovery: it sends with IP TTL 1 and the IP Router
 * Alert option (RFC 2113: {@code 94 04 00 00}) out of an interface chosen per message by index,
 * and receives IGMP with the interface each packet came in on ({@code IP_PKTINFO}).
 * Opening it needs CAP_NET_RAW; everything after that needs no privilege. Interface names are
 * resolved through the socket itself, so in the socket's network namespace. Not thread-safe:
 * one thread uses it.
 */
final class IgmpSocket implements MrdChannel {

    /** RFC 2113 Router Alert, value 0 ("router shall examine packet"). */
    static final byte[] ROUTER_ALERT_OPTION = {(byte) 0x94, 0x04, 0x00, 0x00};
    private static final int RECEIVE_BUFFER_SIZE = 2048;
    private static final int CONTROL_BUFFER_SIZE = 64;

    private final MrdiscLibc libc = MrdiscLibc.INSTANCE;
    private final int fd;
    private final Memory multicastInterface = new Memory(MrdiscLibc.IP_MREQN_SIZE);
    private final Memory destination = new Memory(MrdiscLibc.SOCKADDR_IN_SIZE);
    private final Memory interfaceRequest = new Memory(MrdiscLibc.IFREQ_SIZE);
    private final Memory receiveBuffer = new Memory(RECEIVE_BUFFER_SIZE);
    private final Memory control = new Memory(CONTROL_BUFFER_SIZE);
    private final Memory iovec = new Memory(MrdiscLibc.IOVEC_SIZE);
    private final Memory message = new Memory(MrdiscLibc.MSGHDR_SIZE);

    /** A received IGMP message: the ingress interface, the IP destination and the IP packet. */
    record Received(int ifindex, Inet4Address destination, byte[] packet, int igmpOffset) {}

    private IgmpSocket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket (CAP_NET_RAW) with TTL 1, Router Alert, no loopback, IP_PKTINFO. */
    static IgmpSocket open() throws IOException {
        MrdiscLibc libc = MrdiscLibc.INSTANCE;
        int fd = libc.socket(MrdiscLibc.AF_INET, MrdiscLibc.SOCK_RAW | MrdiscLibc.SOCK_CLOEXEC, MrdiscLibc.IPPROTO_IGMP);
        if (fd < 0) {
            throw error("socket(AF_INET, SOCK_RAW, IPPROTO_IGMP)", Native.getLastError());
        }
        IgmpSocket socket = new IgmpSocket(fd);
        try {
            socket.setInt(MrdiscLibc.IP_MULTICAST_TTL, 1, "IP_MULTICAST_TTL 1");
            socket.setInt(MrdiscLibc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP 0");
            socket.setInt(MrdiscLibc.IP_PKTINFO, 1, "IP_PKTINFO 1");
            Memory option = new Memory(ROUTER_ALERT_OPTION.length);
            option.write(0, ROUTER_ALERT_OPTION, 0, ROUTER_ALERT_OPTION.length);
            socket.set(MrdiscLibc.IP_OPTIONS, option, ROUTER_ALERT_OPTION.length, "IP_OPTIONS router alert");
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
        return "IPv4";
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public void allRouters(int ifindex, boolean join) throws IOException {
        membership(MrdiscAnnouncer.ALL_ROUTERS, ifindex, join);
    }

    @Override
    public void advertise(int ifindex, int intervalSeconds) throws IOException {
        send(MrdiscMessage.advertisement(intervalSeconds), MrdiscAnnouncer.ALL_SNOOPERS, ifindex);
    }

    @Override
    public void terminate(int ifindex) throws IOException {
        send(MrdiscMessage.termination(), MrdiscAnnouncer.ALL_SNOOPERS, ifindex);
    }

    @Override
    public int receiveSolicitation() throws IOException {
        Received packet = receive();
        if (packet == null) {
            return -1;
        }
        boolean solicitation = MrdiscAnnouncer.ALL_ROUTERS.equals(packet.destination()) && MrdiscMessage.isSolicitation(
                packet.packet(), packet.igmpOffset(), packet.packet().length - packet.igmpOffset());
        return solicitation ? packet.ifindex() : 0;
    }

    @Override
    public int indexOf(String name) {
        return interfaceIndex(fd, name, interfaceRequest);
    }

    /** SIOCGIFINDEX through socket {@code fd}, so in its namespace; 0 if there is no such interface. */
    static int interfaceIndex(int fd, String name, Memory request) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= MrdiscLibc.IFNAMSIZ) {
            return 0;
        }
        request.clear();
        request.write(0, bytes, 0, bytes.length);
        if (MrdiscLibc.INSTANCE.ioctl(fd, MrdiscLibc.SIOCGIFINDEX, request) != 0) {
            return 0;
        }
        return request.getInt(MrdiscLibc.IFREQ_IFINDEX_OFFSET);
    }

    /** Joins or leaves {@code group} on interface {@code ifindex}, so packets to it are delivered here. */
    void membership(Inet4Address group, int ifindex, boolean join) throws IOException {
        Memory request = new Memory(MrdiscLibc.IP_MREQN_SIZE);
        request.clear();
        request.write(0, group.getAddress(), 0, 4);
        request.setInt(MrdiscLibc.IP_MREQN_IFINDEX_OFFSET, ifindex);
        set(join ? MrdiscLibc.IP_ADD_MEMBERSHIP : MrdiscLibc.IP_DROP_MEMBERSHIP, request, MrdiscLibc.IP_MREQN_SIZE,
                (join ? "IP_ADD_MEMBERSHIP " : "IP_DROP_MEMBERSHIP ") + group.getHostAddress() + " ifindex " + ifindex);
    }

    /** Sends {@code igmp} to {@code group} out of interface {@code ifindex}. */
    void send(byte[] igmp, Inet4Address group, int ifindex) throws IOException {
        multicastInterface.clear();
        multicastInterface.setInt(MrdiscLibc.IP_MREQN_IFINDEX_OFFSET, ifindex);
        set(MrdiscLibc.IP_MULTICAST_IF, multicastInterface, MrdiscLibc.IP_MREQN_SIZE, "IP_MULTICAST_IF ifindex " + ifindex);
        destination.clear();
        destination.setShort(0, (short) MrdiscLibc.AF_INET);
        destination.write(4, group.getAddress(), 0, 4);
        if (libc.sendto(fd, igmp, igmp.length, 0, destination, MrdiscLibc.SOCKADDR_IN_SIZE) != igmp.length) {
            throw error("sendto(" + group.getHostAddress() + " via ifindex " + ifindex + ")", Native.getLastError());
        }
    }

    /** Receives one waiting packet without blocking; null if none is waiting. */
    Received receive() throws IOException {
        message.clear();
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
            throw error("recvmsg", errno);
        }
        byte[] packet = receiveBuffer.getByteArray(0, (int) length);
        int headerLength = packet.length > 0 ? (packet[0] & 0x0f) * 4 : 0;
        if (packet.length < 20 || headerLength < 20 || headerLength > packet.length) {
            return new Received(0, null, packet, packet.length);
        }
        byte[] dst = {packet[16], packet[17], packet[18], packet[19]};
        return new Received(ingressIndex(), (Inet4Address) InetAddress.getByAddress(dst), packet, headerLength);
    }

    private int ingressIndex() {
        long data = ControlMessages.find(control, message.getLong(MrdiscLibc.MSGHDR_CONTROLLEN_OFFSET),
                MrdiscLibc.IPPROTO_IP, MrdiscLibc.IP_PKTINFO, MrdiscLibc.IN_PKTINFO_SIZE);
        return data < 0 ? 0 : control.getInt(data);
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
        if (libc.setsockopt(fd, MrdiscLibc.IPPROTO_IP, option, value, length) != 0) {
            throw error("setsockopt(" + what + ")", Native.getLastError());
        }
    }

    static IOException error(String call, int errno) {
        return new IOException(call + " failed: " + MrdiscLibc.INSTANCE.strerror(errno) + " (errno " + errno + ")");
    }
}
