package dev.mcroute.linux;

import static dev.mcroute.linux.MrouteAbi.*;

import com.sun.jna.Memory;
import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import dev.mcroute.testkit.netns.KernelTestPreconditions;
import dev.mcroute.testkit.netns.NetNamespace;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Linux provider's {@code addRoute} + {@code removeRoute} and route {@code counters} against the
 * real kernel, beside the same {@code setsockopt(MRT_ADD_MFC/MRT_DEL_MFC)} and
 * {@code ioctl(SIOCGETSGCNT)} calls made raw (through the module's JNA binding) on prebuilt structs:
 * the raw figures are the floor any Java library on JNA could reach, so library/raw is what mcroute
 * itself adds to a kernel call.
 *
 * <p>Adding a route cannot be measured alone (the second add would be an update), so the route
 * benchmarks measure add+remove pairs of one (S,G) between two VIFs. Each trial runs in a network
 * namespace of its own ({@code mcj-} prefix) holding a veth pair {@code r0}/{@code r1}, which it
 * deletes afterwards; the root namespace's multicast routing is never touched and no traffic is sent.
 * Needs root: without it every benchmark fails at once, saying so.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class RouteCallsBenchmark {

    /** router.addRoute(entry) + router.removeRoute(key) on the provider's router. */
    @Benchmark
    public boolean libraryAddRemove(LibraryRouter s) {
        s.router.addRoute(s.entry);
        return s.router.removeRoute(s.key);
    }

    /** MRT_ADD_MFC + MRT_DEL_MFC (MRT6_ for IPv6) with one prebuilt struct, on a raw socket after INIT. */
    @Benchmark
    public int rawAddRemove(RawSocket s) {
        int added = Libc.setsockopt(s.fd, s.level, s.addMfc, s.mfc, s.mfcSize);
        if (added < 0) {
            throw s.failure("ADD_MFC");
        }
        int removed = Libc.setsockopt(s.fd, s.level, s.delMfc, s.mfc, s.mfcSize);
        if (removed < 0) {
            throw s.failure("DEL_MFC");
        }
        return added + removed;
    }

    /** router.counters(key) for an installed route. */
    @Benchmark
    public RouteCounters libraryCounters(LibraryRouterWithRoute s) {
        return s.router.counters(s.key);
    }

    /** SIOCGETSGCNT (SIOCGETSGCNT_IN6) with a prebuilt request, reading the three counters. */
    @Benchmark
    public void rawCounters(RawSocketWithRoute s, Blackhole bh) {
        if (Libc.ioctl(s.fd, s.sgCommand, s.sg) < 0) {
            throw s.failure("SIOCGETSGCNT");
        }
        bh.consume(s.sg.getLong(s.sgPackets));
        bh.consume(s.sg.getLong(s.sgPackets + 8));
        bh.consume(s.sg.getLong(s.sgPackets + 16));
    }

    /**
     * A namespace of its own with the veth pair r0/r1 (both up, no addresses), the family to route
     * and the (S,G); subclasses open what they measure in it.
     */
    @State(Scope.Thread)
    public abstract static class InNamespace {
        @Param({"IPV4", "IPV6"})
        public String family;

        Family fam;
        SourceGroup key;
        NetNamespace ns;
        private Thread deleteOnExit;

        @Setup(Level.Trial)
        public void createNamespace() throws Exception {
            Optional<String> missing = KernelTestPreconditions.missing();
            if (missing.isPresent()) {
                throw new IllegalStateException("RouteCallsBenchmark needs root (it creates a network namespace and "
                        + "routes multicast in it), but " + missing.get());
            }
            fam = Family.valueOf(family);
            key = fam == Family.IPV4
                    ? SourceGroup.parse("10.72.0.2", "239.72.0.1")
                    : SourceGroup.parse("fd72::2", "ff1e::72:1");
            ns = NetNamespace.create("mcj");
            deleteOnExit = new Thread(ns::close, "delete " + ns.name());
            Runtime.getRuntime().addShutdownHook(deleteOnExit);
            try {
                ns.ip("link", "add", "r0", "type", "veth", "peer", "name", "r1");
                ns.ip("link", "set", "r0", "up");
                ns.ip("link", "set", "r1", "up");
                open();
            } catch (Exception | Error e) {
                deleteNamespace();
                throw e;
            }
        }

        /** Opens what the benchmark uses, in {@link #ns}. */
        abstract void open() throws Exception;

        /** Closes what {@link #open()} opened. */
        abstract void close();

        @TearDown(Level.Trial)
        public void deleteNamespace() {
            try {
                close();
            } finally {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
                ns.close();
            }
        }

        int ifindex(String name) {
            String line = ns.ip("-o", "link", "show", "dev", name);
            return Integer.parseInt(line.substring(0, line.indexOf(':')).trim());
        }

        /** @return how many routes the namespace's default table holds, as /proc shows it */
        long kernelRoutes() {
            String file = fam == Family.IPV4 ? "/proc/net/ip_mr_cache" : "/proc/net/ip6_mr_cache";
            return ns.exec("cat", file).lines().skip(1).filter(l -> !l.isBlank()).count();
        }

        /** Checks once that the calls measured really change the kernel's table. */
        void expectKernelRoutes(long expected, String after) {
            long actual = kernelRoutes();
            if (actual != expected) {
                throw new IllegalStateException(after + ": the kernel holds " + actual + " routes, expected " + expected);
            }
        }
    }

    /** A router of the linux provider on table 0 of the namespace, with VIFs on r0 and r1. */
    @State(Scope.Thread)
    public static class LibraryRouter extends InNamespace {
        MulticastRouter router;
        MfcEntry entry;

        @Override
        void open() throws Exception {
            // opened on the namespace's thread: every socket of the router lives there; route calls
            // only use the router's routing socket, so JMH's own thread may make them
            router = ns.call(() -> MulticastRouters.open(RouterOptions.defaults().withFamilies(fam).withProvider("linux")));
            Vif in = router.addVif(VifSpec.of(fam, "r0"));
            Vif out = router.addVif(VifSpec.of(fam, "r1"));
            entry = MfcEntry.between(key, in, List.of(out));
            router.addRoute(entry);
            expectKernelRoutes(1, "addRoute");
            if (!keepRoute()) {
                router.removeRoute(key);
                expectKernelRoutes(0, "removeRoute");
            }
        }

        boolean keepRoute() {
            return false;
        }

        @Override
        void close() {
            if (router != null) {
                router.close();
            }
        }
    }

    /** {@link LibraryRouter} with the route installed. */
    @State(Scope.Thread)
    public static class LibraryRouterWithRoute extends LibraryRouter {
        @Override
        boolean keepRoute() {
            return true;
        }
    }

    /**
     * A raw IGMP (IPv4) or ICMPv6 (IPv6) socket after MRT_INIT with VIFs 0 (r0) and 1 (r1), a
     * prebuilt mfcctl/mf6cctl for the (S,G) from VIF 0 to VIF 1, and a prebuilt counter request.
     */
    @State(Scope.Thread)
    public static class RawSocket extends InNamespace {
        int fd = -1;
        int level;
        int addMfc;
        int delMfc;
        Memory mfc;
        int mfcSize;
        int sgCommand;
        Memory sg;
        int sgPackets;

        @Override
        void open() throws Exception {
            boolean v4 = fam == Family.IPV4;
            int r0 = ifindex("r0");
            int r1 = ifindex("r1");
            level = v4 ? Libc.IPPROTO_IP : Libc.IPPROTO_IPV6;
            addMfc = v4 ? MRT_ADD_MFC : MRT6_ADD_MFC;
            delMfc = v4 ? MRT_DEL_MFC : MRT6_DEL_MFC;
            fd = ns.call(() -> {
                int socket = v4
                        ? Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_IGMP)
                        : Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.IPPROTO_ICMPV6);
                if (socket < 0) {
                    throw failure("socket");
                }
                try {
                    Memory one = new Memory(4);
                    one.setInt(0, 1);
                    check(Libc.setsockopt(socket, level, v4 ? MRT_INIT : MRT6_INIT, one, 4), "INIT");
                    for (int vif = 0; vif < 2; vif++) {
                        int ifindex = vif == 0 ? r0 : r1;
                        Memory ctl = new Memory(v4 ? VIFCTL_SIZE : MIF6CTL_SIZE);
                        ctl.clear();
                        if (v4) {
                            ctl.setShort(VIFCTL_VIFI, (short) vif);
                            ctl.setByte(VIFCTL_FLAGS, (byte) VIFF_USE_IFINDEX);
                            ctl.setByte(VIFCTL_THRESHOLD, (byte) 1);
                            ctl.setInt(VIFCTL_LCL_IFINDEX, ifindex);
                        } else {
                            ctl.setShort(MIF6CTL_MIFI, (short) vif);
                            ctl.setByte(MIF6CTL_THRESHOLD, (byte) 1);
                            ctl.setShort(MIF6CTL_PIFI, (short) ifindex);
                        }
                        check(Libc.setsockopt(socket, level, v4 ? MRT_ADD_VIF : MRT6_ADD_MIF, ctl, (int) ctl.size()),
                                "ADD_VIF " + vif);
                    }
                } catch (RuntimeException e) {
                    Libc.close(socket);
                    throw e;
                }
                return socket;
            });

            byte[] source = key.source().getAddress();
            byte[] group = key.group().getAddress();
            mfcSize = v4 ? MFCCTL_SIZE : MF6CCTL_SIZE;
            mfc = new Memory(mfcSize);
            mfc.clear();
            sg = new Memory(v4 ? SIOC_SG_REQ_SIZE : SIOC_SG_REQ6_SIZE);
            sg.clear();
            if (v4) {
                mfc.write(MFCCTL_ORIGIN, source, 0, 4);
                mfc.write(MFCCTL_MCASTGRP, group, 0, 4);
                mfc.setShort(MFCCTL_PARENT, (short) 0);
                mfc.setByte(MFCCTL_TTLS + 1, (byte) 1);
                sg.write(SIOC_SG_REQ_SRC, source, 0, 4);
                sg.write(SIOC_SG_REQ_GRP, group, 0, 4);
                sgCommand = SIOCGETSGCNT;
                sgPackets = SIOC_SG_REQ_PKTCNT;
            } else {
                sockaddrIn6(mfc, MF6CCTL_ORIGIN, source);
                sockaddrIn6(mfc, MF6CCTL_MCASTGRP, group);
                mfc.setShort(MF6CCTL_PARENT, (short) 0);
                mfc.setInt(MF6CCTL_IFSET, 1 << 1);
                sockaddrIn6(sg, SIOC_SG_REQ6_SRC, source);
                sockaddrIn6(sg, SIOC_SG_REQ6_GRP, group);
                sgCommand = SIOCGETSGCNT_IN6;
                sgPackets = SIOC_SG_REQ6_PKTCNT;
            }

            check(Libc.setsockopt(fd, level, addMfc, mfc, mfcSize), "ADD_MFC");
            expectKernelRoutes(1, "raw ADD_MFC");
            if (!keepRoute()) {
                check(Libc.setsockopt(fd, level, delMfc, mfc, mfcSize), "DEL_MFC");
                expectKernelRoutes(0, "raw DEL_MFC");
            }
        }

        boolean keepRoute() {
            return false;
        }

        private static void sockaddrIn6(Memory m, int offset, byte[] address) {
            m.setShort(offset + SOCKADDR_IN6_FAMILY, (short) Libc.AF_INET6);
            m.write(offset + SOCKADDR_IN6_ADDR, address, 0, 16);
        }

        /** Must run on the thread that made the failed call: errno is saved per thread. */
        private void check(int result, String call) {
            if (result < 0) {
                throw failure(call);
            }
        }

        IllegalStateException failure(String call) {
            return new IllegalStateException(call + " " + fam + " in " + ns + ": " + Errno.name(Errno.last()));
        }

        @Override
        void close() {
            if (fd >= 0) {
                Libc.close(fd); // the kernel flushes the table (as MRT_DONE would)
                fd = -1;
            }
        }
    }

    /** {@link RawSocket} with the route installed. */
    @State(Scope.Thread)
    public static class RawSocketWithRoute extends RawSocket {
        @Override
        boolean keepRoute() {
            return true;
        }
    }
}
