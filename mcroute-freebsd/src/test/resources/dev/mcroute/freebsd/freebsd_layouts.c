/*
 * The FreeBSD declarations the provider encodes, copied field by field from the FreeBSD headers
 * (paths in each comment), with FreeBSD's typedefs. Built by gcc for an LP64 target (x86-64 or
 * AArch64 Linux: the same C layout rules as FreeBSD/amd64 and FreeBSD/arm64) it prints the sizes and
 * offsets that FreeBsdAbiLayoutTest compares with FreeBsdAbi. Uses none of Linux's own headers
 * for these types.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef uint64_t u_quad_t;
typedef uint32_t u_int32_t;
typedef uint16_t u_int16_t;
typedef uint8_t sa_family_t;
typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

/* sys/netinet/in.h */
struct in_addr { in_addr_t s_addr; };
struct sockaddr_in { u_char sin_len; u_char sin_family; u_short sin_port; struct in_addr sin_addr; char sin_zero[8]; };
/* sys/netinet6/in6.h */
struct in6_addr { union { uint8_t __u6_addr8[16]; uint16_t __u6_addr16[8]; uint32_t __u6_addr32[4]; } __u6_addr; };
struct sockaddr_in6 { uint8_t sin6_len; sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo;
    struct in6_addr sin6_addr; uint32_t sin6_scope_id; };
/* sys/sys/_sockaddr_storage.h: _SS_MAXSIZE 128, _SS_ALIGNSIZE sizeof(__int64_t) */
struct sockaddr_storage { unsigned char ss_len; sa_family_t ss_family; char __ss_pad1[6]; int64_t __ss_align; char __ss_pad2[112]; };
/* sys/netinet/in.h, RFC 3678 */
struct group_req { uint32_t gr_interface; struct sockaddr_storage gr_group; };
struct group_source_req { uint32_t gsr_interface; struct sockaddr_storage gsr_group; struct sockaddr_storage gsr_source; };

/* sys/netinet/ip_mroute.h */
typedef u_short vifi_t;
#define MAXVIFS 32
struct vifctl { vifi_t vifc_vifi; u_char vifc_flags; u_char vifc_threshold; u_int vifc_rate_limit;
    struct in_addr vifc_lcl_addr; struct in_addr vifc_rmt_addr; };
struct mfcctl { struct in_addr mfcc_origin; struct in_addr mfcc_mcastgrp; vifi_t mfcc_parent; u_char mfcc_ttls[MAXVIFS]; };
struct sioc_sg_req { struct in_addr src; struct in_addr grp; u_long pktcnt; u_long bytecnt; u_long wrong_if; };
struct sioc_vif_req { vifi_t vifi; u_long icount; u_long ocount; u_long ibytes; u_long obytes; };
struct igmpmsg { uint32_t unused1; uint32_t unused2; u_char im_msgtype; u_char im_mbz; u_char im_vif; u_char unused3;
    struct in_addr im_src, im_dst; };

/* sys/netinet6/ip6_mroute.h */
typedef u_short mifi_t;
typedef u_int32_t if_mask;
typedef struct if_set { if_mask ifs_bits[256 / 32]; } if_set;
struct mif6ctl { mifi_t mif6c_mifi; u_char mif6c_flags; u_short mif6c_pifi; };
struct mf6cctl { struct sockaddr_in6 mf6cc_origin; struct sockaddr_in6 mf6cc_mcastgrp; mifi_t mf6cc_parent; struct if_set mf6cc_ifset; };
struct mrt6msg { u_char im6_mbz; u_char im6_msgtype; u_int16_t im6_mif; u_int32_t im6_pad; struct in6_addr im6_src, im6_dst; };
struct sioc_sg_req6 { struct sockaddr_in6 src; struct sockaddr_in6 grp; u_quad_t pktcnt; u_quad_t bytecnt; u_quad_t wrong_if; };
struct sioc_mif_req6 { mifi_t mifi; u_quad_t icount; u_quad_t ocount; u_quad_t ibytes; u_quad_t obytes; };

/* sys/net/if.h (if_msghdr up to ifm_index; if_data follows and is not read) */
struct if_msghdr_head { u_short ifm_msglen; u_char ifm_version; u_char ifm_type; int ifm_addrs; int ifm_flags; u_short ifm_index; };
struct ifa_msghdr { u_short ifam_msglen; u_char ifam_version; u_char ifam_type; int ifam_addrs; int ifam_flags;
    u_short ifam_index; int ifam_metric; };
struct if_announcemsghdr { u_short ifan_msglen; u_char ifan_version; u_char ifan_type; u_short ifan_index;
    char ifan_name[16]; u_short ifan_what; };

/* sys/sys/poll.h, include/ifaddrs.h, sys/net/if_dl.h */
struct pollfd { int fd; short events; short revents; };
struct ifaddrs { struct ifaddrs *ifa_next; char *ifa_name; u_int ifa_flags; void *ifa_addr; void *ifa_netmask;
    void *ifa_dstaddr; void *ifa_data; };
struct sockaddr_dl_head { u_char sdl_len; u_char sdl_family; u_short sdl_index; };

#define SIZE(t) printf("sizeof(struct %s) %zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof(%s, %s) %zu\n", #t, #f, offsetof(struct t, f))

int main(void) {
    SIZE(sockaddr_in); OFF(sockaddr_in, sin_len); OFF(sockaddr_in, sin_family); OFF(sockaddr_in, sin_port); OFF(sockaddr_in, sin_addr);
    SIZE(sockaddr_in6); OFF(sockaddr_in6, sin6_len); OFF(sockaddr_in6, sin6_family); OFF(sockaddr_in6, sin6_port);
    OFF(sockaddr_in6, sin6_flowinfo); OFF(sockaddr_in6, sin6_addr); OFF(sockaddr_in6, sin6_scope_id);
    SIZE(sockaddr_storage);
    SIZE(group_req); OFF(group_req, gr_interface); OFF(group_req, gr_group);
    SIZE(group_source_req); OFF(group_source_req, gsr_interface); OFF(group_source_req, gsr_group); OFF(group_source_req, gsr_source);
    SIZE(vifctl); OFF(vifctl, vifc_vifi); OFF(vifctl, vifc_flags); OFF(vifctl, vifc_threshold); OFF(vifctl, vifc_rate_limit);
    OFF(vifctl, vifc_lcl_addr); OFF(vifctl, vifc_rmt_addr);
    SIZE(mfcctl); OFF(mfcctl, mfcc_origin); OFF(mfcctl, mfcc_mcastgrp); OFF(mfcctl, mfcc_parent); OFF(mfcctl, mfcc_ttls);
    SIZE(sioc_sg_req); OFF(sioc_sg_req, src); OFF(sioc_sg_req, grp); OFF(sioc_sg_req, pktcnt); OFF(sioc_sg_req, bytecnt); OFF(sioc_sg_req, wrong_if);
    SIZE(sioc_vif_req); OFF(sioc_vif_req, vifi); OFF(sioc_vif_req, icount); OFF(sioc_vif_req, ocount); OFF(sioc_vif_req, ibytes); OFF(sioc_vif_req, obytes);
    SIZE(igmpmsg); OFF(igmpmsg, im_msgtype); OFF(igmpmsg, im_mbz); OFF(igmpmsg, im_vif); OFF(igmpmsg, im_src); OFF(igmpmsg, im_dst);
    SIZE(mif6ctl); OFF(mif6ctl, mif6c_mifi); OFF(mif6ctl, mif6c_flags); OFF(mif6ctl, mif6c_pifi);
    SIZE(mf6cctl); OFF(mf6cctl, mf6cc_origin); OFF(mf6cctl, mf6cc_mcastgrp); OFF(mf6cctl, mf6cc_parent); OFF(mf6cctl, mf6cc_ifset);
    SIZE(mrt6msg); OFF(mrt6msg, im6_mbz); OFF(mrt6msg, im6_msgtype); OFF(mrt6msg, im6_mif); OFF(mrt6msg, im6_src); OFF(mrt6msg, im6_dst);
    SIZE(sioc_sg_req6); OFF(sioc_sg_req6, src); OFF(sioc_sg_req6, grp); OFF(sioc_sg_req6, pktcnt); OFF(sioc_sg_req6, bytecnt); OFF(sioc_sg_req6, wrong_if);
    SIZE(sioc_mif_req6); OFF(sioc_mif_req6, mifi); OFF(sioc_mif_req6, icount); OFF(sioc_mif_req6, ocount); OFF(sioc_mif_req6, ibytes); OFF(sioc_mif_req6, obytes);
    OFF(if_msghdr_head, ifm_msglen); OFF(if_msghdr_head, ifm_version); OFF(if_msghdr_head, ifm_type);
    OFF(if_msghdr_head, ifm_addrs); OFF(if_msghdr_head, ifm_flags); OFF(if_msghdr_head, ifm_index);
    SIZE(ifa_msghdr); OFF(ifa_msghdr, ifam_addrs); OFF(ifa_msghdr, ifam_flags); OFF(ifa_msghdr, ifam_index); OFF(ifa_msghdr, ifam_metric);
    SIZE(if_announcemsghdr); OFF(if_announcemsghdr, ifan_index); OFF(if_announcemsghdr, ifan_name); OFF(if_announcemsghdr, ifan_what);
    SIZE(pollfd); OFF(pollfd, events); OFF(pollfd, revents);
    OFF(ifaddrs, ifa_next); OFF(ifaddrs, ifa_name); OFF(ifaddrs, ifa_flags); OFF(ifaddrs, ifa_addr); OFF(ifaddrs, ifa_netmask);
    OFF(sockaddr_dl_head, sdl_index);
    printf("sizeof(long) %zu\n", sizeof(long));
    return 0;
}
