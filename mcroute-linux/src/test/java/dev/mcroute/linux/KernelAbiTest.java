package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcroute.testkit.netns.Commands;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every constant, offset and size the provider writes into the kernel's structs is compared with
 * what gcc reports from the system headers ({@code linux/mroute.h}, {@code linux/mroute6.h},
 * rtnetlink, libc), and every errno name with glibc's {@code strerrorname_np}.
 */
class KernelAbiTest {
    /** C expressions for the Java fields whose name is not the C macro's name. */
    private static final Map<String, String> C_EXPRESSIONS = new LinkedHashMap<>();

    static {
        layout("VIFCTL", "struct vifctl", "VIFI", "vifc_vifi", "FLAGS", "vifc_flags", "THRESHOLD", "vifc_threshold",
                "LCL_IFINDEX", "vifc_lcl_ifindex");
        layout("MFCCTL", "struct mfcctl", "ORIGIN", "mfcc_origin", "MCASTGRP", "mfcc_mcastgrp", "PARENT", "mfcc_parent",
                "TTLS", "mfcc_ttls");
        layout("SIOC_SG_REQ", "struct sioc_sg_req", "SRC", "src", "GRP", "grp", "PKTCNT", "pktcnt", "BYTECNT", "bytecnt",
                "WRONG_IF", "wrong_if");
        layout("SIOC_VIF_REQ", "struct sioc_vif_req", "VIFI", "vifi", "ICOUNT", "icount", "OCOUNT", "ocount",
                "IBYTES", "ibytes", "OBYTES", "obytes");
        layout("IGMPMSG", "struct igmpmsg", "MSGTYPE", "im_msgtype", "MBZ", "im_mbz", "VIF", "im_vif",
                "VIF_HI", "im_vif_hi", "SRC", "im_src", "DST", "im_dst");
        layout("MIF6CTL", "struct mif6ctl", "MIFI", "mif6c_mifi", "FLAGS", "mif6c_flags", "THRESHOLD", "vifc_threshold",
                "PIFI", "mif6c_pifi");
        C_EXPRESSIONS.put("MIF6CTL_MAX_PIFI", "(1UL << (8 * sizeof(((struct mif6ctl *) 0)->mif6c_pifi))) - 1");
        layout("MF6CCTL", "struct mf6cctl", "ORIGIN", "mf6cc_origin", "MCASTGRP", "mf6cc_mcastgrp",
                "PARENT", "mf6cc_parent", "IFSET", "mf6cc_ifset");
        layout("SIOC_SG_REQ6", "struct sioc_sg_req6", "SRC", "src", "GRP", "grp", "PKTCNT", "pktcnt",
                "BYTECNT", "bytecnt", "WRONG_IF", "wrong_if");
        layout("SIOC_MIF_REQ6", "struct sioc_mif_req6", "MIFI", "mifi", "ICOUNT", "icount", "OCOUNT", "ocount",
                "IBYTES", "ibytes", "OBYTES", "obytes");
        layout("MRT6MSG", "struct mrt6msg", "MBZ", "im6_mbz", "MSGTYPE", "im6_msgtype", "MIF", "im6_mif",
                "SRC", "im6_src", "DST", "im6_dst");
        layout("SOCKADDR_IN6", "struct sockaddr_in6", "FAMILY", "sin6_family", "ADDR", "sin6_addr");
        layout("SOCKADDR_IN", "struct sockaddr_in", "FAMILY", "sin_family", "ADDR", "sin_addr");
        layout("GROUP_REQ", "struct group_req", "INTERFACE", "gr_interface", "GROUP", "gr_group");
        layout("GROUP_SOURCE_REQ", "struct group_source_req", "INTERFACE", "gsr_interface", "GROUP", "gsr_group",
                "SOURCE", "gsr_source");
        layout("ICMP6_FILTER", "struct icmp6_filter");
        layout("NLMSGHDR", "struct nlmsghdr", "LEN", "nlmsg_len", "TYPE", "nlmsg_type", "FLAGS", "nlmsg_flags",
                "SEQ", "nlmsg_seq");
        C_EXPRESSIONS.put("NLMSGERR_ERROR", "offsetof(struct nlmsgerr, error)");
        layout("IFINFOMSG", "struct ifinfomsg", "FAMILY", "ifi_family", "INDEX", "ifi_index", "FLAGS", "ifi_flags");
        layout("IFADDRMSG", "struct ifaddrmsg", "FAMILY", "ifa_family", "PREFIXLEN", "ifa_prefixlen",
                "INDEX", "ifa_index");
        layout("RTATTR", "struct rtattr");
        layout("SOCKADDR_NL", "struct sockaddr_nl", "FAMILY", "nl_family", "GROUPS", "nl_groups");
        layout("POLLFD", "struct pollfd", "EVENTS", "events", "REVENTS", "revents");
    }

    private static final List<Class<?>> ABI_CLASSES =
            List.of(MrouteAbi.class, NetlinkAbi.class, Libc.class, Errno.class, EventLoop.class);

    private static final Map<Integer, String> C_ERRNO_NAMES = new TreeMap<>();
    private static Map<String, Long> reported;

    private static void layout(String prefix, String struct, String... fields) {
        C_EXPRESSIONS.put(prefix + "_SIZE", "sizeof(" + struct + ")");
        for (int i = 0; i < fields.length; i += 2) {
            C_EXPRESSIONS.put(prefix + "_" + fields[i], "offsetof(" + struct + ", " + fields[i + 1] + ")");
        }
    }

    @BeforeAll
    static void compileAndRun(@TempDir Path dir) throws Exception {
        requireGcc();
        StringBuilder c = new StringBuilder("""
                #define _GNU_SOURCE
                #include <stdio.h>
                #include <stddef.h>
                #include <string.h>
                #include <errno.h>
                #include <poll.h>
                #include <sys/socket.h>
                #include <sys/eventfd.h>
                #include <netinet/in.h>
                #include <netinet/icmp6.h>
                #include <linux/sockios.h>
                #include <linux/mroute.h>
                #include <linux/mroute6.h>
                #include <linux/netlink.h>
                #include <linux/rtnetlink.h>
                #include <linux/if.h>
                int main(void) {
                """);
        for (String name : javaConstants().keySet()) {
            String expression = C_EXPRESSIONS.getOrDefault(name, name);
            c.append("    printf(\"%s %lld\\n\", \"").append(name).append("\", (long long) (").append(expression).append("));\n");
        }
        c.append("""
                    for (int e = 1; e < 134; e++) {
                        const char *name = strerrorname_np(e);
                        printf("errno%d %s\\n", e, name ? name : "-");
                    }
                    return 0;
                }
                """);
        Path source = dir.resolve("abi.c");
        Files.writeString(source, c);
        Path program = dir.resolve("abi");
        Commands.run("gcc", "-Wall", "-Werror", "-o", program.toString(), source.toString());
        reported = new TreeMap<>();
        for (String line : Commands.run(program.toString()).split("\n")) {
            String[] parts = line.split(" ");
            if (line.startsWith("errno")) {
                C_ERRNO_NAMES.put(Integer.parseInt(parts[0].substring(5)), parts[1]);
            } else {
                reported.put(parts[0], Long.parseLong(parts[1]));
            }
        }
    }


    /** Skips without gcc, but fails when kernel tests are required (CI must check the layouts). */
    private static void requireGcc() {
        try {
            Commands.run("gcc", "--version");
        } catch (RuntimeException e) {
            if ("required".equals(System.getenv(KernelTestPreconditions.ENV))) {
                fail("gcc is needed to check the kernel struct layouts: " + e.getMessage());
            }
            Assumptions.abort("gcc is not available: " + e.getMessage());
        }
    }

    /** Every static numeric constant of the ABI classes, by field name. */
    private static Map<String, Long> javaConstants() throws IllegalAccessException {
        Map<String, Long> constants = new TreeMap<>();
        for (Class<?> type : ABI_CLASSES) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                Class<?> t = field.getType();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && (t == int.class || t == short.class)) {
                    field.setAccessible(true);
                    constants.put(field.getName(), ((Number) field.get(null)).longValue());
                }
            }
        }
        return constants;
    }

    @Test
    void everyConstantOffsetAndSizeMatchesTheHeaders() throws Exception {
        Map<String, Long> java = javaConstants();
        assertTrue(java.size() > 100, "found only " + java.size() + " constants");
        assertEquals(reported, java);
    }

    @Test
    void errnoNamesMatchGlibc() {
        for (Map.Entry<Integer, String> entry : C_ERRNO_NAMES.entrySet()) {
            String expected = entry.getValue().equals("-") ? "errno " + entry.getKey() : entry.getValue();
            assertEquals(expected, Errno.name(entry.getKey()), "errno " + entry.getKey());
        }
    }
}
