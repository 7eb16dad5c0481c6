package dev.mcroute.linux;

/**
 * Option numbers, message types and struct layouts of Linux multicast routing, from
 * {@code linux/mroute.h}, {@code linux/mroute6.h} and {@code linux/in.h} on LP64 (x86_64,
 * aarch64). A test compiles these headers with gcc and compares every value.
 */
final class MrouteAbi {
    // IPv4 options, level IPPROTO_IP
    static final int MRT_INIT = 200;
    static final int MRT_DONE = 201;
    static final int MRT_ADD_VIF = 202;
    static final int MRT_DEL_VIF = 203;
    static final int MRT_ADD_MFC = 204;
    static final int MRT_DEL_MFC = 205;
    static final int MRT_ASSERT = 207;
    static final int MRT_TABLE = 209;
    // IPv6 options, level IPPROTO_IPV6
    static final int MRT6_INIT = 200;
    static final int MRT6_DONE = 201;
    static final int MRT6_ADD_MIF = 202;
    static final int MRT6_DEL_MIF = 203;
    static final int MRT6_ADD_MFC = 204;
    static final int MRT6_DEL_MFC = 205;
    static final int MRT6_ASSERT = 207;
    static final int MRT6_TABLE = 209;

    /** SIOCPROTOPRIVATE, from linux/sockios.h. */
    private static final int SIOCPROTOPRIVATE = 0x89E0;
    static final int SIOCGETVIFCNT = SIOCPROTOPRIVATE;
    static final int SIOCGETSGCNT = SIOCPROTOPRIVATE + 1;
    static final int SIOCGETMIFCNT_IN6 = SIOCPROTOPRIVATE;
    static final int SIOCGETSGCNT_IN6 = SIOCPROTOPRIVATE + 1;

    static final int VIFF_USE_IFINDEX = 0x8;
    static final int MAXVIFS = 32;
    static final int MAXMIFS = 32;
    /** Bits per word of an IPv6 {@code if_set}. */
    static final int NIFBITS = 32;

    static final int IGMPMSG_NOCACHE = 1;
    static final int IGMPMSG_WRONGVIF = 2;
    static final int IGMPMSG_WHOLEPKT = 3;
    static final int IGMPMSG_WRVIFWHOLE = 4;
    static final int MRT6MSG_NOCACHE = 1;
    static final int MRT6MSG_WRONGMIF = 2;
    static final int MRT6MSG_WHOLEPKT = 3;
    static final int MRT6MSG_WRMIFWHOLE = 4;

    // struct vifctl
    static final int VIFCTL_SIZE = 16;
    static final int VIFCTL_VIFI = 0;
    static final int VIFCTL_FLAGS = 2;
    static final int VIFCTL_THRESHOLD = 3;
    static final int VIFCTL_LCL_IFINDEX = 8;
    // struct mfcctl
    static final int MFCCTL_SIZE = 60;
    static final int MFCCTL_ORIGIN = 0;
    static final int MFCCTL_MCASTGRP = 4;
    static final int MFCCTL_PARENT = 8;
    static final int MFCCTL_TTLS = 10;
    // struct sioc_sg_req
    static final int SIOC_SG_REQ_SIZE = 32;
    static final int SIOC_SG_REQ_SRC = 0;
    static final int SIOC_SG_REQ_GRP = 4;
    static final int SIOC_SG_REQ_PKTCNT = 8;
    static final int SIOC_SG_REQ_BYTECNT = 16;
    static final int SIOC_SG_REQ_WRONG_IF = 24;
    // struct sioc_vif_req
    static final int SIOC_VIF_REQ_SIZE = 40;
    static final int SIOC_VIF_REQ_VIFI = 0;
    static final int SIOC_VIF_REQ_ICOUNT = 8;
    static final int SIOC_VIF_REQ_OCOUNT = 16;
    static final int SIOC_VIF_REQ_IBYTES = 24;
    static final int SIOC_VIF_REQ_OBYTES = 32;
    // struct igmpmsg, laid over an IP header: im_mbz sits where the protocol byte is
    static final int IGMPMSG_SIZE = 20;
    static final int IGMPMSG_MSGTYPE = 8;
    static final int IGMPMSG_MBZ = 9;
    static final int IGMPMSG_VIF = 10;
    static final int IGMPMSG_VIF_HI = 11;
    static final int IGMPMSG_SRC = 12;
    static final int IGMPMSG_DST = 16;

    // struct mif6ctl
    static final int MIF6CTL_SIZE = 12;
    static final int MIF6CTL_MIFI = 0;
    static final int MIF6CTL_THRESHOLD = 3;
    static final int MIF6CTL_PIFI = 4;
    /** The largest interface index {@code mif6c_pifi}, a {@code __u16}, holds. */
    static final int MIF6CTL_MAX_PIFI = 0xffff;
    // struct mf6cctl
    static final int MF6CCTL_SIZE = 92;
    static final int MF6CCTL_ORIGIN = 0;
    static final int MF6CCTL_MCASTGRP = 28;
    static final int MF6CCTL_PARENT = 56;
    static final int MF6CCTL_IFSET = 60;
    // struct sioc_sg_req6
    static final int SIOC_SG_REQ6_SIZE = 80;
    static final int SIOC_SG_REQ6_SRC = 0;
    static final int SIOC_SG_REQ6_GRP = 28;
    static final int SIOC_SG_REQ6_PKTCNT = 56;
    static final int SIOC_SG_REQ6_BYTECNT = 64;
    static final int SIOC_SG_REQ6_WRONG_IF = 72;
    // struct sioc_mif_req6
    static final int SIOC_MIF_REQ6_SIZE = 40;
    static final int SIOC_MIF_REQ6_MIFI = 0;
    static final int SIOC_MIF_REQ6_ICOUNT = 8;
    static final int SIOC_MIF_REQ6_OCOUNT = 16;
    static final int SIOC_MIF_REQ6_IBYTES = 24;
    static final int SIOC_MIF_REQ6_OBYTES = 32;
    // struct mrt6msg
    static final int MRT6MSG_SIZE = 40;
    static final int MRT6MSG_MBZ = 0;
    static final int MRT6MSG_MSGTYPE = 1;
    static final int MRT6MSG_MIF = 2;
    static final int MRT6MSG_SRC = 8;
    static final int MRT6MSG_DST = 24;

    // struct sockaddr_in6
    static final int SOCKADDR_IN6_FAMILY = 0;
    static final int SOCKADDR_IN6_ADDR = 8;
    // struct sockaddr_in
    static final int SOCKADDR_IN_FAMILY = 0;
    static final int SOCKADDR_IN_ADDR = 4;

    // RFC 3678 protocol-independent joins (linux/in.h), at level IPPROTO_IP or IPPROTO_IPV6
    static final int MCAST_JOIN_GROUP = 42;
    static final int MCAST_LEAVE_GROUP = 45;
    static final int MCAST_JOIN_SOURCE_GROUP = 46;
    static final int MCAST_LEAVE_SOURCE_GROUP = 47;
    // struct group_req and struct group_source_req
    static final int GROUP_REQ_SIZE = 136;
    static final int GROUP_REQ_INTERFACE = 0;
    static final int GROUP_REQ_GROUP = 8;
    static final int GROUP_SOURCE_REQ_SIZE = 264;
    static final int GROUP_SOURCE_REQ_INTERFACE = 0;
    static final int GROUP_SOURCE_REQ_GROUP = 8;
    static final int GROUP_SOURCE_REQ_SOURCE = 136;

    /** ICMP6_FILTER at level IPPROTO_ICMPV6 (linux/icmpv6.h); struct icmp6_filter is 8 words. */
    static final int ICMP6_FILTER = 1;
    static final int ICMP6_FILTER_SIZE = 32;

    private MrouteAbi() {
    }
}
