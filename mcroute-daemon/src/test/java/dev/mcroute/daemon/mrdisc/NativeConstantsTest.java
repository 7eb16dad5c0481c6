package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.daemon.privileges.KernelTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every constant and layout in {@link MrdiscLibc} and the test's setns binding, against gcc's view of the headers. */
class NativeConstantsTest {

    @Test
    void constantsAndLayoutsMatchTheHeaders() throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("AF_INET", (long) MrdiscLibc.AF_INET);
        expected.put("AF_INET6", (long) MrdiscLibc.AF_INET6);
        expected.put("IPPROTO_IPV6", (long) MrdiscLibc.IPPROTO_IPV6);
        expected.put("IPPROTO_ICMPV6", (long) MrdiscLibc.IPPROTO_ICMPV6);
        expected.put("IPV6_MULTICAST_IF", (long) MrdiscLibc.IPV6_MULTICAST_IF);
        expected.put("IPV6_MULTICAST_HOPS", (long) MrdiscLibc.IPV6_MULTICAST_HOPS);
        expected.put("IPV6_MULTICAST_LOOP", (long) MrdiscLibc.IPV6_MULTICAST_LOOP);
        expected.put("IPV6_ADD_MEMBERSHIP", (long) MrdiscLibc.IPV6_ADD_MEMBERSHIP);
        expected.put("IPV6_DROP_MEMBERSHIP", (long) MrdiscLibc.IPV6_DROP_MEMBERSHIP);
        expected.put("IPV6_RECVPKTINFO", (long) MrdiscLibc.IPV6_RECVPKTINFO);
        expected.put("IPV6_PKTINFO", (long) MrdiscLibc.IPV6_PKTINFO);
        expected.put("IPV6_RECVHOPLIMIT", (long) MrdiscLibc.IPV6_RECVHOPLIMIT);
        expected.put("IPV6_HOPLIMIT", (long) MrdiscLibc.IPV6_HOPLIMIT);
        expected.put("IPV6_RECVHOPOPTS", (long) MrdiscLibc.IPV6_RECVHOPOPTS);
        expected.put("IPV6_HOPOPTS", (long) MrdiscLibc.IPV6_HOPOPTS);
        expected.put("sizeof(struct sockaddr_in6)", (long) MrdiscLibc.SOCKADDR_IN6_SIZE);
        expected.put("offsetof(struct sockaddr_in6, sin6_addr)", (long) MrdiscLibc.SOCKADDR_IN6_ADDR_OFFSET);
        expected.put("offsetof(struct sockaddr_in6, sin6_scope_id)", (long) MrdiscLibc.SOCKADDR_IN6_SCOPE_OFFSET);
        expected.put("sizeof(struct ipv6_mreq)", (long) MrdiscLibc.IPV6_MREQ_SIZE);
        expected.put("offsetof(struct ipv6_mreq, ipv6mr_interface)", (long) MrdiscLibc.IPV6_MREQ_IFINDEX_OFFSET);
        expected.put("sizeof(struct in6_pktinfo)", (long) MrdiscLibc.IN6_PKTINFO_SIZE);
        expected.put("offsetof(struct in6_pktinfo, ipi6_ifindex)", (long) MrdiscLibc.IN6_PKTINFO_IFINDEX_OFFSET);
        expected.put("SOCK_RAW", (long) MrdiscLibc.SOCK_RAW);
        expected.put("SOCK_CLOEXEC", (long) MrdiscLibc.SOCK_CLOEXEC);
        expected.put("IPPROTO_IP", (long) MrdiscLibc.IPPROTO_IP);
        expected.put("IPPROTO_IGMP", (long) MrdiscLibc.IPPROTO_IGMP);
        expected.put("IP_OPTIONS", (long) MrdiscLibc.IP_OPTIONS);
        expected.put("IP_PKTINFO", (long) MrdiscLibc.IP_PKTINFO);
        expected.put("IP_MULTICAST_IF", (long) MrdiscLibc.IP_MULTICAST_IF);
        expected.put("IP_MULTICAST_TTL", (long) MrdiscLibc.IP_MULTICAST_TTL);
        expected.put("IP_MULTICAST_LOOP", (long) MrdiscLibc.IP_MULTICAST_LOOP);
        expected.put("IP_ADD_MEMBERSHIP", (long) MrdiscLibc.IP_ADD_MEMBERSHIP);
        expected.put("IP_DROP_MEMBERSHIP", (long) MrdiscLibc.IP_DROP_MEMBERSHIP);
        expected.put("MSG_DONTWAIT", (long) MrdiscLibc.MSG_DONTWAIT);
        expected.put("SIOCGIFINDEX", MrdiscLibc.SIOCGIFINDEX);
        expected.put("POLLIN", (long) MrdiscLibc.POLLIN);
        expected.put("EFD_CLOEXEC", (long) MrdiscLibc.EFD_CLOEXEC);
        expected.put("EFD_NONBLOCK", (long) MrdiscLibc.EFD_NONBLOCK);
        expected.put("EAGAIN", 11L);
        expected.put("EINTR", 4L);
        expected.put("sizeof(struct ip_mreqn)", (long) MrdiscLibc.IP_MREQN_SIZE);
        expected.put("offsetof(struct ip_mreqn, imr_ifindex)", (long) MrdiscLibc.IP_MREQN_IFINDEX_OFFSET);
        expected.put("sizeof(struct sockaddr_in)", (long) MrdiscLibc.SOCKADDR_IN_SIZE);
        expected.put("offsetof(struct sockaddr_in, sin_addr)", 4L);
        expected.put("sizeof(struct ifreq)", (long) MrdiscLibc.IFREQ_SIZE);
        expected.put("offsetof(struct ifreq, ifr_ifindex)", (long) MrdiscLibc.IFREQ_IFINDEX_OFFSET);
        expected.put("IFNAMSIZ", (long) MrdiscLibc.IFNAMSIZ);
        expected.put("sizeof(struct msghdr)", (long) MrdiscLibc.MSGHDR_SIZE);
        expected.put("offsetof(struct msghdr, msg_iov)", (long) MrdiscLibc.MSGHDR_IOV_OFFSET);
        expected.put("offsetof(struct msghdr, msg_iovlen)", (long) MrdiscLibc.MSGHDR_IOVLEN_OFFSET);
        expected.put("offsetof(struct msghdr, msg_control)", (long) MrdiscLibc.MSGHDR_CONTROL_OFFSET);
        expected.put("offsetof(struct msghdr, msg_controllen)", (long) MrdiscLibc.MSGHDR_CONTROLLEN_OFFSET);
        expected.put("sizeof(struct iovec)", (long) MrdiscLibc.IOVEC_SIZE);
        expected.put("offsetof(struct cmsghdr, cmsg_level)", (long) MrdiscLibc.CMSG_LEVEL_OFFSET);
        expected.put("offsetof(struct cmsghdr, cmsg_type)", (long) MrdiscLibc.CMSG_TYPE_OFFSET);
        expected.put("CMSG_LEN(0)", (long) MrdiscLibc.CMSG_DATA_OFFSET);
        expected.put("sizeof(struct in_pktinfo)", (long) MrdiscLibc.IN_PKTINFO_SIZE);
        expected.put("offsetof(struct in_pktinfo, ipi_ifindex)", 0L);
        expected.put("sizeof(struct pollfd)", (long) MrdiscLibc.POLLFD_SIZE);
        expected.put("offsetof(struct pollfd, revents)", 6L);
        expected.put("MRT_INIT", (long) MrdiscAnnouncerTest.MRT_INIT);
        expected.put("MRT_ADD_VIF", (long) MrdiscAnnouncerTest.MRT_ADD_VIF);
        expected.put("VIFF_USE_IFINDEX", (long) MrdiscAnnouncerTest.VIFF_USE_IFINDEX);
        expected.put("sizeof(struct vifctl)", (long) MrdiscAnnouncerTest.VIFCTL_SIZE);
        expected.put("offsetof(struct vifctl, vifc_lcl_ifindex)", (long) MrdiscAnnouncerTest.VIFCTL_IFINDEX_OFFSET);
        expected.put("O_RDONLY", (long) NetnsThread.NetnsLibc.O_RDONLY);
        expected.put("O_CLOEXEC", (long) NetnsThread.NetnsLibc.O_CLOEXEC);
        expected.put("CLONE_NEWNET", (long) NetnsThread.NetnsLibc.CLONE_NEWNET);

        Map<String, Long> actual = KernelTestSupport.cValues(List.of("sys/socket.h", "netinet/in.h", "net/if.h",
                "sys/ioctl.h", "poll.h", "sys/eventfd.h", "sys/uio.h", "errno.h", "fcntl.h", "sched.h", "linux/mroute.h"),
                List.copyOf(expected.keySet()));
        assertEquals(expected, actual);
    }
}
