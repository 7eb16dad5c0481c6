package dev.mcroute.freebsd;

/**
 * Every FreeBSD constant and struct layout this provider uses, written down once, each with the
 * header it comes from.
 *
 * <p>Sources are files of the FreeBSD source tree ({@code freebsd/freebsd-src}) as stored at these
 * commits; a line number names the {@code #define} or the first line of the struct:
 * <ul>
 * <li>{@code sys/netinet/ip_mroute.h}, {@code sys/netinet6/ip6_mroute.h}, {@code sys/sys/sockio.h},
 *     {@code sys/sys/ioccom.h}: commit 039ea811636f (FreeBSD 9 era; these user-visible parts have
 *     not changed since)</li>
 * <li>{@code sys/net/route.h}: commit 032b580995b5</li>
 * <li>{@code sys/net/if.h}: commit 00bef6802469</li>
 * <li>{@code sys/netinet6/in6_var.h}: commit 0123804a8c7f</li>
 * <li>{@code sys/netinet/in.h}, {@code sys/netinet6/in6.h}, {@code sys/sys/socket.h}: by symbol</li>
 * </ul>
 *
 * <p>Layouts are for the LP64 little-endian targets FreeBSD/amd64 and FreeBSD/arm64, where
 * {@code u_long} and pointers take 8 bytes and align to 8. Integer fields are in host byte order
 * (little-endian); addresses and ports are in network byte order. Offsets and sizes follow the C
 * rules for the field types the headers declare; {@code FreeBsdAbiLayoutTest} lets gcc lay out the
 * same declarations and compares.
 */
final class FreeBsdAbi {
    private FreeBsdAbi() {
    }

    // ---- sys/sys/socket.h ----------------------------------------------------------------------
    /** {@code AF_INET}, socket.h. */
    static final int AF_INET = 2;
    /** {@code AF_ROUTE} = {@code PF_ROUTE}, socket.h. */
    static final int AF_ROUTE = 17;
    /** {@code AF_LINK}, socket.h: the family of {@code sockaddr_dl}. */
    static final int AF_LINK = 18;
    /** {@code AF_INET6}, socket.h: 28 on FreeBSD (10 on Linux). */
    static final int AF_INET6 = 28;
    /** {@code AF_UNSPEC}, socket.h: routing socket protocol for every family. */
    static final int AF_UNSPEC = 0;
    /** {@code SOCK_RAW}, socket.h. */
    static final int SOCK_RAW = 3;

    // ---- sys/netinet/in.h ----------------------------------------------------------------------
    /** {@code IPPROTO_IP}, in.h: the option level of the IPv4 MRT_* options. */
    static final int IPPROTO_IP = 0;
    /** {@code IPPROTO_IGMP}, in.h: the protocol of the IPv4 multicast routing socket. */
    static final int IPPROTO_IGMP = 2;
    /** {@code IPPROTO_IPV6}, in.h: the option level of the MRT6_* options. */
    static final int IPPROTO_IPV6 = 41;
    /** {@code IPPROTO_ICMPV6}, in.h: the protocol of the IPv6 multicast routing socket. */
    static final int IPPROTO_ICMPV6 = 58;
    /** {@code MCAST_JOIN_GROUP}, in.h (RFC 3678 block); valid at IPPROTO_IP and IPPROTO_IPV6. */
    static final int MCAST_JOIN_GROUP = 80;
    /** {@code MCAST_LEAVE_GROUP}, in.h. */
    static final int MCAST_LEAVE_GROUP = 81;
    /** {@code MCAST_JOIN_SOURCE_GROUP}, in.h. */
    static final int MCAST_JOIN_SOURCE_GROUP = 82;
    /** {@code MCAST_LEAVE_SOURCE_GROUP}, in.h. */
    static final int MCAST_LEAVE_SOURCE_GROUP = 83;

    /** {@code struct sockaddr_in}, in.h: len u8 @0, family u8 @1, port u16 @2, addr @4, zero[8] @8. */
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SIN_LEN = 0;
    static final int SIN_FAMILY = 1;
    static final int SIN_PORT = 2;
    static final int SIN_ADDR = 4;

    /** {@code struct sockaddr_storage}, socket.h / _sockaddr_storage.h: 128 bytes, aligned to 8. */
    static final int SOCKADDR_STORAGE_SIZE = 128;

    /** {@code struct group_req}, in.h: interface u32 @0, group sockaddr_storage @8 (aligned to 8). */
    static final int GROUP_REQ_SIZE = 136;
    static final int GR_INTERFACE = 0;
    static final int GR_GROUP = 8;
    /** {@code struct group_source_req}, in.h: interface @0, group @8, source @136. */
    static final int GROUP_SOURCE_REQ_SIZE = 264;
    static final int GSR_INTERFACE = 0;
    static final int GSR_GROUP = 8;
    static final int GSR_SOURCE = 136;

    // ---- sys/netinet6/in6.h --------------------------------------------------------------------
    /**
     * {@code struct sockaddr_in6}, in6.h: len u8 @0 (28), family u8 @1, port u16 @2, flowinfo u32
     * @4, addr[16] @8, scope_id u32 @24.
     */
    static final int SOCKADDR_IN6_SIZE = 28;
    static final int SIN6_LEN = 0;
    static final int SIN6_FAMILY = 1;
    static final int SIN6_PORT = 2;
    static final int SIN6_FLOWINFO = 4;
    static final int SIN6_ADDR = 8;
    static final int SIN6_SCOPE_ID = 24;

    // ---- sys/netinet/ip_mroute.h ---------------------------------------------------------------
    /** {@code MRT_INIT}, ip_mroute.h:58; takes an int, 1. */
    static final int MRT_INIT = 100;
    /** {@code MRT_DONE}, ip_mroute.h:59. */
    static final int MRT_DONE = 101;
    /** {@code MRT_ADD_VIF}, ip_mroute.h:60; takes a struct vifctl. */
    static final int MRT_ADD_VIF = 102;
    /** {@code MRT_DEL_VIF}, ip_mroute.h:61; takes a vifi_t (u_short). */
    static final int MRT_DEL_VIF = 103;
    /** {@code MRT_ADD_MFC}, ip_mroute.h:62; takes a struct mfcctl. */
    static final int MRT_ADD_MFC = 104;
    /** {@code MRT_DEL_MFC}, ip_mroute.h:63; takes a struct mfcctl (origin and group are used). */
    static final int MRT_DEL_MFC = 105;
    /** {@code MRT_ASSERT} (= MRT_PIM), ip_mroute.h:65; takes an int; enables WRONGVIF upcalls. */
    static final int MRT_ASSERT = 107;
    /** {@code MAXVIFS}, ip_mroute.h:75. */
    static final int MAXVIFS = 32;
    /** {@code VIFF_REGISTER}, ip_mroute.h:104. */
    static final int VIFF_REGISTER = 0x4;

    /**
     * {@code struct vifctl}, ip_mroute.h:93: vifi u16 @0, flags u8 @2, threshold u8 @3,
     * rate_limit u32 @4, lcl_addr @8, rmt_addr @12; 16 bytes. FreeBSD has no VIFF_USE_IFINDEX:
     * the kernel finds the interface by {@code vifc_lcl_addr}.
     */
    static final int VIFCTL_SIZE = 16;
    static final int VIFC_VIFI = 0;
    static final int VIFC_FLAGS = 2;
    static final int VIFC_THRESHOLD = 3;
    static final int VIFC_RATE_LIMIT = 4;
    static final int VIFC_LCL_ADDR = 8;
    static final int VIFC_RMT_ADDR = 12;

    /**
     * {@code struct mfcctl}, ip_mroute.h:110: origin @0, mcastgrp @4, parent u16 @8, ttls[32] @10;
     * 42 bytes of fields padded to 44 (alignment 4).
     */
    static final int MFCCTL_SIZE = 44;
    static final int MFCC_ORIGIN = 0;
    static final int MFCC_MCASTGRP = 4;
    static final int MFCC_PARENT = 8;
    static final int MFCC_TTLS = 10;

    /** {@code struct sioc_sg_req}, ip_mroute.h:232: src @0, grp @4, u_long pktcnt @8, bytecnt @16, wrong_if @24. */
    static final int SIOC_SG_REQ_SIZE = 32;
    static final int SG_SRC = 0;
    static final int SG_GRP = 4;
    static final int SG_PKTCNT = 8;
    static final int SG_BYTECNT = 16;
    static final int SG_WRONG_IF = 24;

    /** {@code struct sioc_vif_req}, ip_mroute.h:243: vifi u16 @0, u_long icount @8, ocount @16, ibytes @24, obytes @32. */
    static final int SIOC_VIF_REQ_SIZE = 40;
    static final int VR_VIFI = 0;
    static final int VR_ICOUNT = 8;
    static final int VR_OCOUNT = 16;
    static final int VR_IBYTES = 24;
    static final int VR_OBYTES = 32;

    /**
     * {@code struct igmpmsg}, ip_mroute.h:295, overlaying the IP header of the packet read from the
     * IGMP socket: msgtype u8 @8 (ip_ttl), mbz u8 @9 (ip_p: 0 here, 2 for real IGMP), vif u8 @10,
     * src @12, dst @16; 20 bytes.
     */
    static final int IGMPMSG_SIZE = 20;
    static final int IM_MSGTYPE = 8;
    static final int IM_MBZ = 9;
    static final int IM_VIF = 10;
    static final int IM_SRC = 12;
    static final int IM_DST = 16;
    /** {@code IGMPMSG_NOCACHE}, ip_mroute.h:299. */
    static final int IGMPMSG_NOCACHE = 1;
    /** {@code IGMPMSG_WRONGVIF}, ip_mroute.h:300. */
    static final int IGMPMSG_WRONGVIF = 2;
    /** {@code IGMPMSG_WHOLEPKT}, ip_mroute.h:301. */
    static final int IGMPMSG_WHOLEPKT = 3;

    // ---- sys/netinet6/ip6_mroute.h -------------------------------------------------------------
    /** {@code MRT6_DONE}, ip6_mroute.h:56. */
    static final int MRT6_DONE = 101;
    /** {@code MRT6_ADD_MIF}, ip6_mroute.h:57; takes a struct mif6ctl. */
    static final int MRT6_ADD_MIF = 102;
    /** {@code MRT6_DEL_MIF}, ip6_mroute.h:58; takes a mifi_t (u_short). */
    static final int MRT6_DEL_MIF = 103;
    /** {@code MRT6_ADD_MFC}, ip6_mroute.h:59; takes a struct mf6cctl. */
    static final int MRT6_ADD_MFC = 104;
    /** {@code MRT6_DEL_MFC}, ip6_mroute.h:60. */
    static final int MRT6_DEL_MFC = 105;
    /** {@code MRT6_PIM}, ip6_mroute.h:61; takes an int; enables WRONGMIF upcalls. */
    static final int MRT6_PIM = 107;
    /** {@code MRT6_INIT}, ip6_mroute.h:62: 108 (100 is the kernel-only MRT6_OINIT); takes an int, 1. */
    static final int MRT6_INIT = 108;
    /** {@code MAXMIFS}, ip6_mroute.h:76. */
    static final int MAXMIFS = 64;
    /** {@code MIFF_REGISTER}, ip6_mroute.h:108. */
    static final int MIFF_REGISTER = 0x1;

    /** {@code struct mif6ctl}, ip6_mroute.h:102: mifi u16 @0, flags u8 @2, pifi u16 @4 (an ifindex); 6 bytes. */
    static final int MIF6CTL_SIZE = 6;
    static final int MIF6C_MIFI = 0;
    static final int MIF6C_FLAGS = 2;
    static final int MIF6C_PIFI = 4;

    /**
     * {@code struct mf6cctl}, ip6_mroute.h:113: origin sockaddr_in6 @0, mcastgrp @28, parent u16 @56,
     * if_set @60 ({@code uint32_t ifs_bits[8]}: IF_SETSIZE 256 / 32 bits, ip6_mroute.h:79-90); 92 bytes.
     */
    static final int MF6CCTL_SIZE = 92;
    static final int MF6CC_ORIGIN = 0;
    static final int MF6CC_MCASTGRP = 28;
    static final int MF6CC_PARENT = 56;
    static final int MF6CC_IFSET = 60;
    static final int IF_SET_WORDS = 8;

    /**
     * {@code struct mrt6msg}, ip6_mroute.h:168, the payload read from the ICMPv6 socket: mbz u8 @0
     * (where a real ICMPv6 message has its non-zero type), msgtype u8 @1, mif u16 @2, pad u32 @4,
     * src @8, dst @24; 40 bytes.
     */
    static final int MRT6MSG_SIZE = 40;
    static final int IM6_MBZ = 0;
    static final int IM6_MSGTYPE = 1;
    static final int IM6_MIF = 2;
    static final int IM6_SRC = 8;
    static final int IM6_DST = 24;
    /** {@code MRT6MSG_NOCACHE}, ip6_mroute.h:169. */
    static final int MRT6MSG_NOCACHE = 1;
    /** {@code MRT6MSG_WRONGMIF}, ip6_mroute.h:170. */
    static final int MRT6MSG_WRONGMIF = 2;
    /** {@code MRT6MSG_WHOLEPKT}, ip6_mroute.h:171. */
    static final int MRT6MSG_WHOLEPKT = 3;

    /** {@code struct sioc_sg_req6}, ip6_mroute.h:183: src @0, grp @28, u_quad_t pktcnt @56, bytecnt @64, wrong_if @72. */
    static final int SIOC_SG_REQ6_SIZE = 80;
    static final int SG6_SRC = 0;
    static final int SG6_GRP = 28;
    static final int SG6_PKTCNT = 56;
    static final int SG6_BYTECNT = 64;
    static final int SG6_WRONG_IF = 72;

    /** {@code struct sioc_mif_req6}, ip6_mroute.h:194: mifi u16 @0, u_quad_t icount @8, ocount @16, ibytes @24, obytes @32. */
    static final int SIOC_MIF_REQ6_SIZE = 40;
    static final int MR6_MIFI = 0;
    static final int MR6_ICOUNT = 8;
    static final int MR6_OCOUNT = 16;
    static final int MR6_IBYTES = 24;
    static final int MR6_OBYTES = 32;

    // ---- sys/sys/ioccom.h, sys/sys/sockio.h, sys/netinet6/in6_var.h ----------------------------
    /** {@code IOC_OUT | IOC_IN}, ioccom.h:49-51. */
    static final long IOC_INOUT = 0xC000_0000L;
    /** {@code IOCPARM_MASK} = (1 << IOCPARM_SHIFT 13) - 1, ioccom.h:41-42. */
    static final int IOCPARM_MASK = (1 << 13) - 1;

    /**
     * {@code _IOWR(g, n, t)}, ioccom.h:61 with {@code _IOC}, ioccom.h:54:
     * {@code IOC_INOUT | ((sizeof(t) & IOCPARM_MASK) << 16) | (g << 8) | n}, an unsigned long.
     *
     * @param group the group letter
     * @param number the command number
     * @param size  sizeof the argument struct
     * @return the ioctl request
     */
    static long ioWr(char group, int number, int size) {
        return IOC_INOUT | ((long) (size & IOCPARM_MASK) << 16) | ((long) group << 8) | number;
    }

    /** {@code SIOCGETVIFCNT = _IOWR('r', 15, struct sioc_vif_req)}, sockio.h:49: 0xC028720F. */
    static final long SIOCGETVIFCNT = ioWr('r', 15, SIOC_VIF_REQ_SIZE);
    /** {@code SIOCGETSGCNT = _IOWR('r', 16, struct sioc_sg_req)}, sockio.h:50: 0xC0207210. */
    static final long SIOCGETSGCNT = ioWr('r', 16, SIOC_SG_REQ_SIZE);
    /** {@code SIOCGETSGCNT_IN6 = _IOWR('u', 106, struct sioc_sg_req6)}, in6_var.h: 0xC050756A. */
    static final long SIOCGETSGCNT_IN6 = ioWr('u', 106, SIOC_SG_REQ6_SIZE);
    /** {@code SIOCGETMIFCNT_IN6 = _IOWR('u', 107, struct sioc_mif_req6)}, in6_var.h: 0xC028756B. */
    static final long SIOCGETMIFCNT_IN6 = ioWr('u', 107, SIOC_MIF_REQ6_SIZE);

    // ---- sys/net/route.h -----------------------------------------------------------------------
    /** {@code RTM_VERSION}, route.h:264. */
    static final int RTM_VERSION = 5;
    /** {@code RTM_NEWADDR}, route.h:290: struct ifa_msghdr. */
    static final int RTM_NEWADDR = 0xc;
    /** {@code RTM_DELADDR}, route.h:291: struct ifa_msghdr. */
    static final int RTM_DELADDR = 0xd;
    /** {@code RTM_IFINFO}, route.h:292: struct if_msghdr. */
    static final int RTM_IFINFO = 0xe;
    /** {@code RTM_IFANNOUNCE}, route.h:295: struct if_announcemsghdr. */
    static final int RTM_IFANNOUNCE = 0x11;
    /** {@code RTAX_NETMASK}, route.h:328: index of the netmask among the sockaddrs (bit RTA_NETMASK 0x4, route.h:316). */
    static final int RTAX_NETMASK = 2;
    /** {@code RTAX_IFA}, route.h:331: index of the interface address (bit RTA_IFA 0x20, route.h:319). */
    static final int RTAX_IFA = 5;
    /** {@code RTAX_MAX}, route.h:334. */
    static final int RTAX_MAX = 8;
    /**
     * {@code SA_SIZE(sa)}, route.h:357: a sockaddr in a routing message takes its sa_len rounded up
     * to a multiple of sizeof(long), 8 on LP64, and 8 bytes when sa_len is 0.
     */
    static final int SA_ALIGN = 8;

    /** Common header of every routing message: msglen u16 @0, version u8 @2, type u8 @3 (route.h:249). */
    static final int RTM_MSGLEN = 0;
    static final int RTM_VERSION_OFFSET = 2;
    static final int RTM_TYPE = 3;

    // ---- sys/net/if.h --------------------------------------------------------------------------
    /** {@code IF_NAMESIZE} = IFNAMSIZ, if.h:58. */
    static final int IF_NAMESIZE = 16;
    /** {@code IFF_UP}, if.h:131. */
    static final int IFF_UP = 0x1;
    /** {@code IFF_LOOPBACK}, if.h:134. */
    static final int IFF_LOOPBACK = 0x8;
    /** {@code IFF_POINTOPOINT}, if.h:135. */
    static final int IFF_POINTOPOINT = 0x10;
    /** {@code IFF_DRV_RUNNING} = IFF_RUNNING, if.h:137 and 160. */
    static final int IFF_RUNNING = 0x40;
    /** {@code IFF_MULTICAST}, if.h:147. */
    static final int IFF_MULTICAST = 0x8000;

    /**
     * {@code struct if_msghdr}, if.h:235: addrs int @4, flags int @8, index u16 @12, then if_data
     * (aligned to 8, @16). Only the fields before if_data are read: if_data changed size in
     * FreeBSD 11, the message length is taken from ifm_msglen.
     */
    static final int IFM_ADDRS = 4;
    static final int IFM_FLAGS = 8;
    static final int IFM_INDEX = 12;

    /** {@code struct ifa_msghdr}, if.h:275: addrs int @4, flags int @8, index u16 @12, metric int @16; 20 bytes, sockaddrs follow. */
    static final int IFA_MSGHDR_SIZE = 20;
    static final int IFAM_ADDRS = 4;
    static final int IFAM_FLAGS = 8;
    static final int IFAM_INDEX = 12;
    static final int IFAM_METRIC = 16;

    /** {@code struct if_announcemsghdr}, if.h:328: index u16 @4, name[16] @6, what u16 @22; 24 bytes. */
    static final int IF_ANNOUNCEMSGHDR_SIZE = 24;
    static final int IFAN_INDEX = 4;
    static final int IFAN_NAME = 6;
    static final int IFAN_WHAT = 22;
    /** {@code IFAN_ARRIVAL}, if.h:337. */
    static final int IFAN_ARRIVAL = 0;
    /** {@code IFAN_DEPARTURE}, if.h:338. */
    static final int IFAN_DEPARTURE = 1;

    // ---- sys/sys/poll.h, include/ifaddrs.h, sys/net/if_dl.h (used by the JNA layer only) --------
    /** {@code POLLIN}, poll.h. */
    static final short POLLIN = 0x0001;
    /** {@code struct pollfd}, poll.h: fd int @0, events short @4, revents short @6; 8 bytes. */
    static final int POLLFD_SIZE = 8;
    /** {@code struct ifaddrs}, ifaddrs.h: next @0, name @8, flags u_int @16, addr @24, netmask @32 (LP64 pointers). */
    static final int IFA_NEXT = 0;
    static final int IFA_NAME = 8;
    static final int IFA_FLAGS = 16;
    static final int IFA_ADDR = 24;
    static final int IFA_NETMASK = 32;
    /** {@code struct sockaddr_dl}, if_dl.h: len u8 @0, family u8 @1, index u16 @2. */
    static final int SDL_INDEX = 2;
}
