package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The glibc socket calls the mrdisc announcer needs (Linux, LP64), with the header constants
 * and layouts it uses (checked against gcc by NativeConstantsTest). Calls return -1 and leave
 * errno in {@link Native#getLastError()}.
 */
interface MrdiscLibc extends Library {

    MrdiscLibc INSTANCE = Native.load("c", MrdiscLibc.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int IPPROTO_IPV6 = 41;
    int IPPROTO_ICMPV6 = 58;
    int IPV6_MULTICAST_IF = 17;
    int IPV6_MULTICAST_HOPS = 18;
    int IPV6_MULTICAST_LOOP = 19;
    int IPV6_ADD_MEMBERSHIP = 20;
    int IPV6_DROP_MEMBERSHIP = 21;
    int IPV6_RECVPKTINFO = 49;
    int IPV6_PKTINFO = 50;
    int IPV6_RECVHOPLIMIT = 51;
    int IPV6_HOPLIMIT = 52;
    int IPV6_RECVHOPOPTS = 53;
    int IPV6_HOPOPTS = 54;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int IPPROTO_IP = 0;
    int IPPROTO_IGMP = 2;
    int IP_OPTIONS = 4;
    int IP_PKTINFO = 8;
    int IP_MULTICAST_IF = 32;
    int IP_MULTICAST_TTL = 33;
    int IP_MULTICAST_LOOP = 34;
    int IP_ADD_MEMBERSHIP = 35;
    int IP_DROP_MEMBERSHIP = 36;
    int MSG_DONTWAIT = 0x40;
    long SIOCGIFINDEX = 0x8933;
    short POLLIN = 1;
    int EFD_CLOEXEC = 0x80000;
    int EFD_NONBLOCK = 0x800;

    /** {@code struct ip_mreqn}: imr_multiaddr@0, imr_address@4, imr_ifindex@8. */
    int IP_MREQN_SIZE = 12;
    int IP_MREQN_IFINDEX_OFFSET = 8;
    /** {@code struct sockaddr_in}: family u16@0, port@2, address@4. */
    int SOCKADDR_IN_SIZE = 16;
    /** {@code struct sockaddr_in6}: family u16@0, port@2, flowinfo@4, address@8, scope_id@24. */
    int SOCKADDR_IN6_SIZE = 28;
    int SOCKADDR_IN6_ADDR_OFFSET = 8;
    int SOCKADDR_IN6_SCOPE_OFFSET = 24;
    /** {@code struct ipv6_mreq}: address@0, ipv6mr_interface@16. */
    int IPV6_MREQ_SIZE = 20;
    int IPV6_MREQ_IFINDEX_OFFSET = 16;
    /** {@code struct in6_pktinfo}: ipi6_addr@0, ipi6_ifindex@16. */
    int IN6_PKTINFO_SIZE = 20;
    int IN6_PKTINFO_IFINDEX_OFFSET = 16;
    /** {@code struct ifreq}: name[16]@0, ifr_ifindex@16. */
    int IFREQ_SIZE = 40;
    int IFREQ_IFINDEX_OFFSET = 16;
    int IFNAMSIZ = 16;
    /** {@code struct msghdr} on LP64. */
    int MSGHDR_SIZE = 56;
    int MSGHDR_IOV_OFFSET = 16;
    int MSGHDR_IOVLEN_OFFSET = 24;
    int MSGHDR_CONTROL_OFFSET = 32;
    int MSGHDR_CONTROLLEN_OFFSET = 40;
    /** {@code struct iovec}: base@0, length@8. */
    int IOVEC_SIZE = 16;
    /** {@code struct cmsghdr}: cmsg_len (size_t)@0, level@8, type@12, data at CMSG_LEN(0). */
    int CMSG_LEVEL_OFFSET = 8;
    int CMSG_TYPE_OFFSET = 12;
    int CMSG_DATA_OFFSET = 16;
    /** {@code struct in_pktinfo}: ipi_ifindex@0. */
    int IN_PKTINFO_SIZE = 12;
    /** {@code struct pollfd}: fd@0, events@4, revents@6. */
    int POLLFD_SIZE = 8;

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int option, Pointer value, int length);

    int ioctl(int fd, long request, Pointer argument);

    long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength);

    long recvmsg(int fd, Pointer message, int flags);

    int poll(Pointer fds, long count, int timeoutMillis);

    int eventfd(int initialValue, int flags);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, Pointer buffer, long count);

    int close(int fd);

    String strerror(int errno);
}
