package dev.mcroute.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lets gcc lay out the FreeBSD declarations (copied from the headers into
 * {@code freebsd_layouts.c}, with FreeBSD's typedefs) and compares every size and offset with
 * {@link FreeBsdAbi}. An LP64 Linux target (x86-64, AArch64) applies the same C layout rules as
 * FreeBSD/amd64 and FreeBSD/arm64, so what gcc reports here is what FreeBSD's compiler would.
 */
class FreeBsdAbiLayoutTest {

    private static Map<String, Long> expected() {
        Map<String, Long> m = new LinkedHashMap<>();
        size(m, "sockaddr_in", FreeBsdAbi.SOCKADDR_IN_SIZE);
        off(m, "sockaddr_in", "sin_len", FreeBsdAbi.SIN_LEN);
        off(m, "sockaddr_in", "sin_family", FreeBsdAbi.SIN_FAMILY);
        off(m, "sockaddr_in", "sin_port", FreeBsdAbi.SIN_PORT);
        off(m, "sockaddr_in", "sin_addr", FreeBsdAbi.SIN_ADDR);
        size(m, "sockaddr_in6", FreeBsdAbi.SOCKADDR_IN6_SIZE);
        off(m, "sockaddr_in6", "sin6_len", FreeBsdAbi.SIN6_LEN);
        off(m, "sockaddr_in6", "sin6_family", FreeBsdAbi.SIN6_FAMILY);
        off(m, "sockaddr_in6", "sin6_port", FreeBsdAbi.SIN6_PORT);
        off(m, "sockaddr_in6", "sin6_flowinfo", FreeBsdAbi.SIN6_FLOWINFO);
        off(m, "sockaddr_in6", "sin6_addr", FreeBsdAbi.SIN6_ADDR);
        off(m, "sockaddr_in6", "sin6_scope_id", FreeBsdAbi.SIN6_SCOPE_ID);
        size(m, "sockaddr_storage", FreeBsdAbi.SOCKADDR_STORAGE_SIZE);
        size(m, "group_req", FreeBsdAbi.GROUP_REQ_SIZE);
        off(m, "group_req", "gr_interface", FreeBsdAbi.GR_INTERFACE);
        off(m, "group_req", "gr_group", FreeBsdAbi.GR_GROUP);
        size(m, "group_source_req", FreeBsdAbi.GROUP_SOURCE_REQ_SIZE);
        off(m, "group_source_req", "gsr_interface", FreeBsdAbi.GSR_INTERFACE);
        off(m, "group_source_req", "gsr_group", FreeBsdAbi.GSR_GROUP);
        off(m, "group_source_req", "gsr_source", FreeBsdAbi.GSR_SOURCE);
        size(m, "vifctl", FreeBsdAbi.VIFCTL_SIZE);
        off(m, "vifctl", "vifc_vifi", FreeBsdAbi.VIFC_VIFI);
        off(m, "vifctl", "vifc_flags", FreeBsdAbi.VIFC_FLAGS);
        off(m, "vifctl", "vifc_threshold", FreeBsdAbi.VIFC_THRESHOLD);
        off(m, "vifctl", "vifc_rate_limit", FreeBsdAbi.VIFC_RATE_LIMIT);
        off(m, "vifctl", "vifc_lcl_addr", FreeBsdAbi.VIFC_LCL_ADDR);
        off(m, "vifctl", "vifc_rmt_addr", FreeBsdAbi.VIFC_RMT_ADDR);
        size(m, "mfcctl", FreeBsdAbi.MFCCTL_SIZE);
        off(m, "mfcctl", "mfcc_origin", FreeBsdAbi.MFCC_ORIGIN);
        off(m, "mfcctl", "mfcc_mcastgrp", FreeBsdAbi.MFCC_MCASTGRP);
        off(m, "mfcctl", "mfcc_parent", FreeBsdAbi.MFCC_PARENT);
        off(m, "mfcctl", "mfcc_ttls", FreeBsdAbi.MFCC_TTLS);
        size(m, "sioc_sg_req", FreeBsdAbi.SIOC_SG_REQ_SIZE);
        off(m, "sioc_sg_req", "src", FreeBsdAbi.SG_SRC);
        off(m, "sioc_sg_req", "grp", FreeBsdAbi.SG_GRP);
        off(m, "sioc_sg_req", "pktcnt", FreeBsdAbi.SG_PKTCNT);
        off(m, "sioc_sg_req", "bytecnt", FreeBsdAbi.SG_BYTECNT);
        off(m, "sioc_sg_req", "wrong_if", FreeBsdAbi.SG_WRONG_IF);
        size(m, "sioc_vif_req", FreeBsdAbi.SIOC_VIF_REQ_SIZE);
        off(m, "sioc_vif_req", "vifi", FreeBsdAbi.VR_VIFI);
        off(m, "sioc_vif_req", "icount", FreeBsdAbi.VR_ICOUNT);
        off(m, "sioc_vif_req", "ocount", FreeBsdAbi.VR_OCOUNT);
        off(m, "sioc_vif_req", "ibytes", FreeBsdAbi.VR_IBYTES);
        off(m, "sioc_vif_req", "obytes", FreeBsdAbi.VR_OBYTES);
        size(m, "igmpmsg", FreeBsdAbi.IGMPMSG_SIZE);
        off(m, "igmpmsg", "im_msgtype", FreeBsdAbi.IM_MSGTYPE);
        off(m, "igmpmsg", "im_mbz", FreeBsdAbi.IM_MBZ);
        off(m, "igmpmsg", "im_vif", FreeBsdAbi.IM_VIF);
        off(m, "igmpmsg", "im_src", FreeBsdAbi.IM_SRC);
        off(m, "igmpmsg", "im_dst", FreeBsdAbi.IM_DST);
        size(m, "mif6ctl", FreeBsdAbi.MIF6CTL_SIZE);
        off(m, "mif6ctl", "mif6c_mifi", FreeBsdAbi.MIF6C_MIFI);
        off(m, "mif6ctl", "mif6c_flags", FreeBsdAbi.MIF6C_FLAGS);
        off(m, "mif6ctl", "mif6c_pifi", FreeBsdAbi.MIF6C_PIFI);
        size(m, "mf6cctl", FreeBsdAbi.MF6CCTL_SIZE);
        off(m, "mf6cctl", "mf6cc_origin", FreeBsdAbi.MF6CC_ORIGIN);
        off(m, "mf6cctl", "mf6cc_mcastgrp", FreeBsdAbi.MF6CC_MCASTGRP);
        off(m, "mf6cctl", "mf6cc_parent", FreeBsdAbi.MF6CC_PARENT);
        off(m, "mf6cctl", "mf6cc_ifset", FreeBsdAbi.MF6CC_IFSET);
        size(m, "mrt6msg", FreeBsdAbi.MRT6MSG_SIZE);
        off(m, "mrt6msg", "im6_mbz", FreeBsdAbi.IM6_MBZ);
        off(m, "mrt6msg", "im6_msgtype", FreeBsdAbi.IM6_MSGTYPE);
        off(m, "mrt6msg", "im6_mif", FreeBsdAbi.IM6_MIF);
        off(m, "mrt6msg", "im6_src", FreeBsdAbi.IM6_SRC);
        off(m, "mrt6msg", "im6_dst", FreeBsdAbi.IM6_DST);
        size(m, "sioc_sg_req6", FreeBsdAbi.SIOC_SG_REQ6_SIZE);
        off(m, "sioc_sg_req6", "src", FreeBsdAbi.SG6_SRC);
        off(m, "sioc_sg_req6", "grp", FreeBsdAbi.SG6_GRP);
        off(m, "sioc_sg_req6", "pktcnt", FreeBsdAbi.SG6_PKTCNT);
        off(m, "sioc_sg_req6", "bytecnt", FreeBsdAbi.SG6_BYTECNT);
        off(m, "sioc_sg_req6", "wrong_if", FreeBsdAbi.SG6_WRONG_IF);
        size(m, "sioc_mif_req6", FreeBsdAbi.SIOC_MIF_REQ6_SIZE);
        off(m, "sioc_mif_req6", "mifi", FreeBsdAbi.MR6_MIFI);
        off(m, "sioc_mif_req6", "icount", FreeBsdAbi.MR6_ICOUNT);
        off(m, "sioc_mif_req6", "ocount", FreeBsdAbi.MR6_OCOUNT);
        off(m, "sioc_mif_req6", "ibytes", FreeBsdAbi.MR6_IBYTES);
        off(m, "sioc_mif_req6", "obytes", FreeBsdAbi.MR6_OBYTES);
        off(m, "if_msghdr_head", "ifm_msglen", FreeBsdAbi.RTM_MSGLEN);
        off(m, "if_msghdr_head", "ifm_version", FreeBsdAbi.RTM_VERSION_OFFSET);
        off(m, "if_msghdr_head", "ifm_type", FreeBsdAbi.RTM_TYPE);
        off(m, "if_msghdr_head", "ifm_addrs", FreeBsdAbi.IFM_ADDRS);
        off(m, "if_msghdr_head", "ifm_flags", FreeBsdAbi.IFM_FLAGS);
        off(m, "if_msghdr_head", "ifm_index", FreeBsdAbi.IFM_INDEX);
        size(m, "ifa_msghdr", FreeBsdAbi.IFA_MSGHDR_SIZE);
        off(m, "ifa_msghdr", "ifam_addrs", FreeBsdAbi.IFAM_ADDRS);
        off(m, "ifa_msghdr", "ifam_flags", FreeBsdAbi.IFAM_FLAGS);
        off(m, "ifa_msghdr", "ifam_index", FreeBsdAbi.IFAM_INDEX);
        off(m, "ifa_msghdr", "ifam_metric", FreeBsdAbi.IFAM_METRIC);
        size(m, "if_announcemsghdr", FreeBsdAbi.IF_ANNOUNCEMSGHDR_SIZE);
        off(m, "if_announcemsghdr", "ifan_index", FreeBsdAbi.IFAN_INDEX);
        off(m, "if_announcemsghdr", "ifan_name", FreeBsdAbi.IFAN_NAME);
        off(m, "if_announcemsghdr", "ifan_what", FreeBsdAbi.IFAN_WHAT);
        size(m, "pollfd", FreeBsdAbi.POLLFD_SIZE);
        off(m, "pollfd", "events", 4);
        off(m, "pollfd", "revents", 6);
        off(m, "ifaddrs", "ifa_next", FreeBsdAbi.IFA_NEXT);
        off(m, "ifaddrs", "ifa_name", FreeBsdAbi.IFA_NAME);
        off(m, "ifaddrs", "ifa_flags", FreeBsdAbi.IFA_FLAGS);
        off(m, "ifaddrs", "ifa_addr", FreeBsdAbi.IFA_ADDR);
        off(m, "ifaddrs", "ifa_netmask", FreeBsdAbi.IFA_NETMASK);
        off(m, "sockaddr_dl_head", "sdl_index", FreeBsdAbi.SDL_INDEX);
        m.put("sizeof(long)", (long) FreeBsdAbi.SA_ALIGN);
        return m;
    }

    private static void size(Map<String, Long> m, String struct, int value) {
        m.put("sizeof(struct " + struct + ")", (long) value);
    }

    private static void off(Map<String, Long> m, String struct, String field, int value) {
        m.put("offsetof(" + struct + ", " + field + ")", (long) value);
    }

    @Test
    void gccLaysOutTheHeaderDeclarationsAsFreeBsdAbiSays(@TempDir Path dir) throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"),
                "needs an LP64 target with FreeBSD's layout rules, this is " + arch);
        Path source = dir.resolve("freebsd_layouts.c");
        try (InputStream in = FreeBsdAbiLayoutTest.class.getResourceAsStream("freebsd_layouts.c")) {
            Files.copy(in, source);
        }
        Path program = dir.resolve("freebsd_layouts");
        assumeTrue(run(dir, List.of("gcc", "--version")) != null, "gcc is not installed");
        String compiled = run(dir, List.of("gcc", "-Wall", "-Werror", "-o", program.toString(), source.toString()));
        assertEquals("", compiled, "gcc output");
        String output = run(dir, List.of(program.toString()));

        Map<String, Long> reported = new TreeMap<>();
        for (String line : output.split("\n")) {
            int space = line.lastIndexOf(' ');
            reported.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        }
        List<String> mismatches = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>(expected());
        expected.forEach((name, value) -> {
            if (!value.equals(reported.get(name))) {
                mismatches.add(name + ": FreeBsdAbi says " + value + ", gcc says " + reported.get(name));
            }
        });
        assertEquals(List.of(), mismatches);
        assertEquals(expected.keySet(), reported.keySet(), "every value gcc reports is checked");
    }

    /** @return the combined output, or {@code null} when the program cannot be started */
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + output);
        }
        return output;
    }
}
