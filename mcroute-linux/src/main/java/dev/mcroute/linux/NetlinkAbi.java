package dev.mcroute.linux;

/**
 * Numbers and layouts of rtnetlink, from {@code linux/netlink.h}, {@code linux/rtnetlink.h},
 * {@code linux/if_link.h}, {@code linux/if_addr.h} and {@code linux/if.h}; checked by a test
 * against gcc.
 */
final class NetlinkAbi {
    static final int NETLINK_ROUTE = 0;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final int IFLA_IFNAME = 3;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;

    static final int IFF_UP = 0x1;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_POINTOPOINT = 0x10;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_MULTICAST = 0x1000;

    // struct nlmsghdr
    static final int NLMSGHDR_SIZE = 16;
    static final int NLMSGHDR_LEN = 0;
    static final int NLMSGHDR_TYPE = 4;
    static final int NLMSGHDR_FLAGS = 6;
    static final int NLMSGHDR_SEQ = 8;
    // struct nlmsgerr follows the header of an NLMSG_ERROR: its first field is the negative errno
    static final int NLMSGERR_ERROR = 0;
    // struct ifinfomsg
    static final int IFINFOMSG_SIZE = 16;
    static final int IFINFOMSG_FAMILY = 0;
    static final int IFINFOMSG_INDEX = 4;
    static final int IFINFOMSG_FLAGS = 8;
    // struct ifaddrmsg
    static final int IFADDRMSG_SIZE = 8;
    static final int IFADDRMSG_FAMILY = 0;
    static final int IFADDRMSG_PREFIXLEN = 1;
    static final int IFADDRMSG_INDEX = 4;
    // struct rtattr
    static final int RTATTR_SIZE = 4;
    // struct sockaddr_nl
    static final int SOCKADDR_NL_SIZE = 12;
    static final int SOCKADDR_NL_FAMILY = 0;
    static final int SOCKADDR_NL_GROUPS = 8;

    private NetlinkAbi() {
    }

    /** @return length rounded up to netlink's 4-byte alignment (NLMSG_ALIGN, RTA_ALIGN) */
    static int align(int length) {
        return (length + 3) & ~3;
    }
}
