package dev.mcroute.daemon.privileges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every constant and layout the privilege drop (and its probe) declares, against gcc's view of the headers. */
class NativeConstantsTest {

    @Test
    void constantsAndLayoutsMatchTheHeaders() throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("PR_SET_KEEPCAPS", (long) PrivilegeLibc.PR_SET_KEEPCAPS);
        expected.put("PR_GET_KEEPCAPS", (long) PrivilegeLibc.PR_GET_KEEPCAPS);
        expected.put("_LINUX_CAPABILITY_VERSION_3", (long) PrivilegeLibc.LINUX_CAPABILITY_VERSION_3);
        expected.put("CAP_NET_ADMIN", (long) PrivilegeLibc.CAP_NET_ADMIN);
        expected.put("SA_RESTART", (long) PrivilegeLibc.SA_RESTART);
        expected.put("sizeof(struct sigaction)", (long) PrivilegeLibc.SIGACTION_SIZE);
        expected.put("offsetof(struct sigaction, sa_flags)", (long) PrivilegeLibc.SIGACTION_FLAGS_OFFSET);
        expected.put("offsetof(struct sigaction, sa_handler)", 0L);
        expected.put("sizeof(struct passwd)", (long) PrivilegeLibc.PASSWD_SIZE);
        expected.put("offsetof(struct passwd, pw_uid)", (long) PrivilegeLibc.PASSWD_UID_OFFSET);
        expected.put("offsetof(struct passwd, pw_gid)", (long) PrivilegeLibc.PASSWD_GID_OFFSET);
        expected.put("sizeof(struct group)", (long) PrivilegeLibc.GROUP_SIZE);
        expected.put("offsetof(struct group, gr_gid)", (long) PrivilegeLibc.GROUP_GID_OFFSET);
        expected.put("offsetof(struct group, gr_name)", 0L);
        expected.put("sizeof(struct __user_cap_header_struct)", 8L);
        expected.put("sizeof(struct __user_cap_data_struct)", 12L);
        expected.put("_LINUX_CAPABILITY_U32S_3", 2L);
        expected.put("AF_INET", (long) PrivilegeDropProbe.ProbeLibc.AF_INET);
        expected.put("SOCK_DGRAM", (long) PrivilegeDropProbe.ProbeLibc.SOCK_DGRAM);
        expected.put("SOCK_RAW", (long) PrivilegeDropProbe.ProbeLibc.SOCK_RAW);
        expected.put("IPPROTO_IGMP", (long) PrivilegeDropProbe.ProbeLibc.IPPROTO_IGMP);
        expected.put("IPPROTO_IP", (long) PrivilegeDropProbe.ProbeLibc.IPPROTO_IP);
        expected.put("MRT_INIT", (long) PrivilegeDropProbe.ProbeLibc.MRT_INIT);
        expected.put("MRT_ADD_VIF", (long) PrivilegeDropProbe.ProbeLibc.MRT_ADD_VIF);
        expected.put("VIFF_USE_IFINDEX", (long) PrivilegeDropProbe.ProbeLibc.VIFF_USE_IFINDEX);
        expected.put("sizeof(struct vifctl)", (long) PrivilegeDropProbe.ProbeLibc.VIFCTL_SIZE);
        expected.put("offsetof(struct vifctl, vifc_lcl_ifindex)", (long) PrivilegeDropProbe.ProbeLibc.VIFCTL_IFINDEX_OFFSET);
        expected.put("offsetof(struct vifctl, vifc_flags)", 2L);
        expected.put("offsetof(struct vifctl, vifc_threshold)", 3L);
        expected.put("SIOCGIFFLAGS", PrivilegeDropProbe.ProbeLibc.SIOCGIFFLAGS);
        expected.put("SIOCSIFFLAGS", PrivilegeDropProbe.ProbeLibc.SIOCSIFFLAGS);
        expected.put("sizeof(struct ifreq)", (long) PrivilegeDropProbe.ProbeLibc.IFREQ_SIZE);
        expected.put("offsetof(struct ifreq, ifr_flags)", (long) PrivilegeDropProbe.ProbeLibc.IFREQ_FLAGS_OFFSET);
        expected.put("IFF_UP", (long) PrivilegeDropProbe.ProbeLibc.IFF_UP);

        Map<String, Long> actual = KernelTestSupport.cValues(List.of("sys/prctl.h", "linux/capability.h",
                "signal.h", "pwd.h", "grp.h", "sys/socket.h", "netinet/in.h", "linux/mroute.h", "net/if.h",
                "sys/ioctl.h"), List.copyOf(expected.keySet()));
        assertEquals(expected, actual);
    }
}
