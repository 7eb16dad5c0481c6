import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Selector;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measuring half of daemon-bench.sh: everything that needs sub-millisecond timing or packets.
 *
 * <p>Times are taken with {@link System#nanoTime()}, i.e. CLOCK_MONOTONIC, which is one clock
 * for every process on the machine (network namespaces do not change it), so a send time stamped
 * into a datagram by one JVM can be subtracted from the receive time of another JVM.
 *
 * <pre>
 * start PIDFILE ROUTES TIMEOUT_S LOG CMD...
 *                                   start CMD (it must exec the daemon, e.g. "ip netns exec ..."),
 *                                   print "pid= ready_ms= load_ms= mfc= seen= probe_cpu_ms=": until PIDFILE
 *                                   exists, and until the MFC holds ROUTES entries (load_ms is NaN
 *                                   if that takes longer than TIMEOUT_S; mfc: entries in
 *                                   /proc/PID/net/ip_mr_cache then; seen: how the end was seen).
 *                                   Run it in the daemon's namespace: the entries are counted from
 *                                   the kernel's netlink notifications (see {@link MfcWatch});
 *                                   probe_cpu_ms: this JVM's CPU time from the spawn to the end
 * hup PID PIDFILE                   SIGHUP, print "hup_ms=": until the PID file's mtime changes
 * mfcwait PID ROUTES TIMEOUT_S      wait until the daemon's namespace holds ROUTES entries
 * latency RCVNS IFACE OUTIF FLOWS GAP_MS FIRSTGROUP
 *                                   one new group at a time: first datagram, then one more on the
 *                                   now existing route GAP_MS later (run in the sender namespace)
 * burst RCVNS IFACE OUTIF FLOWS FIRSTGROUP
 *                                   FLOWS new groups back to back, one datagram each
 * reload RCVNS IFACE OUTIF GROUP RATE PID PIDFILE
 *                                   RATE pkt/s to GROUP; after 1 s SIGHUP as in "hup"; 1 s after the
 *                                   reload the flow stops; print hup_ms and packets lost
 * recv IFACE FIRSTGROUP COUNT EXTRAGROUP
 *                                   receiver half, started by the modes above in RCVNS
 * </pre>
 */
public final class McbProbe {
    private static final int PORT = 5007;
    private static final int TTL = 8;
    /**
     * Between two looks at the PID file and the notifications: every look costs CPU that the
     * daemon under test, on the other of two cores, would use (at 0.1 ms, ~60 ms of CPU in a
     * 10 000-route load of ~0.35 s); 1 ms is 0.3 % of that load.
     */
    private static final long POLL_NANOS = 1_000_000;
    /**
     * Between two looks at the PID file of an empty start, which nothing else is watched for: a
     * look costs a stat only, and C is ready in ~10 ms, where 1 ms steps would add ~5 %.
     */
    private static final long READY_POLL_NANOS = 100_000;
    private static final PrintStream OUT = System.out;

    private McbProbe() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "start" -> start(rest);
            case "hup" -> OUT.printf("hup_ms=%.3f%n", hup(Long.parseLong(rest[0]), Path.of(rest[1])));
            case "mfcwait" -> mfcWait(rest);
            case "latency" -> latency(rest);
            case "burst" -> burst(rest);
            case "reload" -> reload(rest);
            case "recv" -> receive(rest);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- daemon side

    private static void start(String[] a) throws Exception {
        Path pidFile = Path.of(a[0]);
        int routes = Integer.parseInt(a[1]);
        long timeout = Long.parseLong(a[2]);
        Path log = Path.of(a[3]);
        List<String> cmd = List.of(Arrays.copyOfRange(a, 4, a.length));
        Files.deleteIfExists(pidFile);
        // a cold JVM spends ~100 ms loading the process and file classes: not the daemon's time
        new ProcessBuilder("true").start().waitFor();
        Files.exists(pidFile);
        mfcCount(ProcessHandle.current().pid());
        MfcWatch watch = routes > 0 ? MfcWatch.open() : null;
        String seen = watch != null ? "netlink" : "-";
        long cpu0 = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long pid = p.pid();
        double readyMs = Double.NaN;
        double loadMs = Double.NaN;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeout);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Double.isNaN(readyMs) && Files.exists(pidFile)) {
                readyMs = millisSince(t0);
            }
            long pause = routes == 0 ? READY_POLL_NANOS : POLL_NANOS;
            if (routes > 0 && Double.isNaN(loadMs) && watch != null) {
                if (watch.drain() >= routes) {
                    loadMs = millisSince(t0);
                } else if (watch.overflowed()) {
                    watch.close();
                    watch = null;
                    seen = "table-after-netlink-overflow";
                }
            } else if (routes > 0 && Double.isNaN(loadMs)) {
                long r0 = System.nanoTime();
                if (mfcCount(pid) >= routes) {
                    loadMs = millisSince(t0);
                }
                // a read of a long /proc table costs CPU the daemon needs (~20 ms for 10 000
                // entries): spend at most a tenth, at the price of seeing the end that much late
                pause = Math.max(POLL_NANOS, 9 * (System.nanoTime() - r0));
            }
            if (!Double.isNaN(readyMs) && (routes == 0 || !Double.isNaN(loadMs))) {
                break;
            }
            LockSupport.parkNanos(pause);
        }
        if (!p.isAlive()) {
            OUT.println("error=daemon-exited-" + p.exitValue());
            System.exit(1);
        }
        if (watch != null) {
            watch.close();
        }
        long cpu = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - cpu0;
        OUT.printf("pid=%d ready_ms=%.3f load_ms=%.3f mfc=%d seen=%s probe_cpu_ms=%d%n", pid, readyMs, loadMs, mfcCount(pid), seen, cpu / 1_000_000);
    }

    /**
     * The entries of this namespace's IPv4 MFC, counted from the kernel's notifications: every
     * MRT_ADD_MFC and MRT_DEL_MFC sends an RTM_NEWROUTE or RTM_DELROUTE of family
     * RTNL_FAMILY_IPMR to the group RTNLGRP_IPV4_MROUTE. Reading /proc/PID/net/ip_mr_cache instead
     * costs ~2 µs per entry, CPU the daemon under test needs, so it could only be read now and
     * then and the end of a large load was seen up to ~0.2 s late. The socket is drained without
     * blocking, once per poll: nobody waits on it, so a notification costs the daemon no wake-up.
     * Entries are kept by (S,G), so that an update of an entry is not counted twice.
     */
    private static final class MfcWatch implements AutoCloseable {
        private static final int AF_NETLINK = 16;
        private static final int SOCK_RAW = 3;
        private static final int SOCK_CLOEXEC = 0x80000;
        private static final int NETLINK_ROUTE = 0;
        private static final int SOL_SOCKET = 1;
        private static final int SO_RCVBUFFORCE = 33;
        private static final int MSG_DONTWAIT = 0x40;
        private static final int EAGAIN = 11;
        private static final int ENOBUFS = 105;
        private static final int RTNLGRP_IPV4_MROUTE = 6;
        private static final int RTM_NEWROUTE = 24;
        private static final int RTM_DELROUTE = 25;
        private static final int RTNL_FAMILY_IPMR = 128;
        private static final int RTA_DST = 1;
        private static final int RTA_SRC = 2;

        /**
         * The libc calls used, bound by JNA (from our dist's lib/jna.jar) as direct native
         * methods: an interface proxy would run JNA's argument conversion in Java on every call,
         * code that is interpreted and then compiled while the daemon under test needs the CPU.
         */
        static final class LibC {
            static {
                Native.register(LibC.class, "c");
            }

            private LibC() {
            }

            static native int socket(int domain, int type, int protocol);

            static native int setsockopt(int fd, int level, int name, Pointer value, int length);

            static native int bind(int fd, Pointer address, int length);

            static native long recv(int fd, Pointer buffer, long length, int flags);

            static native int close(int fd);
        }

        private final int fd;
        /** Native memory: a Java array would be copied in and out by JNA on every call. */
        private final Memory buffer = new Memory(1 << 20);
        private final ByteBuffer view = buffer.getByteBuffer(0, buffer.size()).order(ByteOrder.nativeOrder());
        private final Set<Long> entries = new HashSet<>();
        private boolean overflowed;

        private MfcWatch(int fd) {
            this.fd = fd;
        }

        static MfcWatch open() {
            int fd = LibC.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            if (fd < 0) {
                throw new IllegalStateException("netlink socket: errno " + Native.getLastError());
            }
            MfcWatch watch = new MfcWatch(fd);
            Memory option = new Memory(12);
            // room for 100 000 routes' notifications, should the daemon outrun the drain a while
            option.setInt(0, 256 << 20);
            boolean set = LibC.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, option, 4) == 0;
            option.clear();
            option.setShort(0, (short) AF_NETLINK);
            option.setInt(8, 1 << (RTNLGRP_IPV4_MROUTE - 1));
            if (!set || LibC.bind(fd, option, 12) < 0) {
                int errno = Native.getLastError();
                LibC.close(fd);
                throw new IllegalStateException("netlink set-up: errno " + errno);
            }
            watch.warmUp();
            return watch;
        }

        /**
         * Runs the drain and the parse on made-up notifications until the JIT has compiled them:
         * interpreted, counting 10 000 notifications took ~100 ms of CPU inside the measured
         * window, on a machine whose second core the daemon under test uses.
         */
        private void warmUp() {
            int length = 16 + 12 + 8 + 8;
            view.putInt(0, length).putShort(4, (short) RTM_NEWROUTE).put(16, (byte) RTNL_FAMILY_IPMR);
            view.putShort(28, (short) 8).putShort(30, (short) RTA_SRC).putShort(36, (short) 8).putShort(38, (short) RTA_DST);
            for (int i = 0; i < 20_000; i++) {
                view.putInt(40, i);
                count(length);
                drain();
            }
            entries.clear();
        }

        /** Reads every notification queued; returns the entries counted so far. */
        int drain() {
            while (!overflowed) {
                long n = LibC.recv(fd, buffer, buffer.size(), MSG_DONTWAIT);
                if (n < 0) {
                    int errno = Native.getLastError();
                    overflowed = errno == ENOBUFS;
                    if (errno != EAGAIN && !overflowed) {
                        throw new IllegalStateException("netlink recv: errno " + errno);
                    }
                    break;
                }
                count((int) n);
            }
            return entries.size();
        }

        /** Counts the (S,G) of the notifications in the first n bytes of the buffer. */
        private void count(int n) {
            for (int at = 0; at + 16 <= n; ) {
                int length = view.getInt(at);
                int type = view.getShort(at + 4) & 0xffff;
                if (length < 16) {
                    break;
                }
                if ((type == RTM_NEWROUTE || type == RTM_DELROUTE) && (view.get(at + 16) & 0xff) == RTNL_FAMILY_IPMR) {
                    long key = key(at + 16 + 12, at + length);
                    if (type == RTM_NEWROUTE) {
                        entries.add(key);
                    } else {
                        entries.remove(key);
                    }
                }
                at += (length + 3) & ~3;
            }
        }

        /** (S,G) of one notification, from its RTA_SRC and RTA_DST attributes (IPv4). */
        private long key(int from, int end) {
            long source = 0;
            long group = 0;
            for (int at = from; at + 4 <= end; ) {
                int length = view.getShort(at) & 0xffff;
                int type = view.getShort(at + 2) & 0x7fff;
                if (length < 4) {
                    break;
                }
                if (length == 8 && type == RTA_SRC) {
                    source = view.getInt(at + 4) & 0xffffffffL;
                } else if (length == 8 && type == RTA_DST) {
                    group = view.getInt(at + 4) & 0xffffffffL;
                }
                at += (length + 3) & ~3;
            }
            return source << 32 | group;
        }

        boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            LibC.close(fd);
        }
    }

    private static void mfcWait(String[] a) throws Exception {
        long pid = Long.parseLong(a[0]);
        int routes = Integer.parseInt(a[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(a[2]));
        int n;
        while ((n = mfcCount(pid)) < routes && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        OUT.println("mfc=" + n);
    }

    /** Entries of the kernel MFC of the network namespace that process pid lives in. */
    private static int mfcCount(long pid) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("/proc/" + pid + "/net/ip_mr_cache"));
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }

    /** Milliseconds from SIGHUP until the daemon touches its PID file, as both do after a reload. */
    private static double hup(long pid, Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return Double.NaN; // not ready yet: a reload now would measure the initial load
        }
        FileTime before = Files.getLastModifiedTime(pidFile);
        long t0 = System.nanoTime();
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start().waitFor();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
            if (!Files.getLastModifiedTime(pidFile).equals(before)) {
                return millisSince(t0);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- traffic, sender side

    private static void latency(String[] a) throws Exception {
        int flows = Integer.parseInt(a[3]);
        long gapNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a[4]));
        int first = ipv4(a[5]);
        try (Receiver r = Receiver.start(a[0], a[1], a[5], flows, "226.0.0.1");
             Sender s = new Sender(a[2])) {
            warmUp(s, ipv4("226.0.0.1"));
            for (int i = 0; i < flows; i++) {
                s.send(first + i, i, 0);
                LockSupport.parkNanos(gapNanos);
                s.send(first + i, i, 1);
                LockSupport.parkNanos(gapNanos);
            }
            OUT.println(r.result());
        }
    }

    private static void burst(String[] a) throws Exception {
        int flows = Integer.parseInt(a[3]);
        int first = ipv4(a[4]);
        try (Receiver r = Receiver.start(a[0], a[1], a[4], flows, "226.0.0.1");
             Sender s = new Sender(a[2])) {
            warmUp(s, ipv4("226.0.0.1"));
            for (int i = 0; i < flows; i++) {
                s.send(first + i, i, 0);
            }
            OUT.println(r.result());
        }
    }

    private static void reload(String[] a) throws Exception {
        int group = ipv4(a[3]);
        long period = 1_000_000_000L / Integer.parseInt(a[4]);
        long pid = Long.parseLong(a[5]);
        Path pidFile = Path.of(a[6]);
        try (Receiver r = Receiver.start(a[0], a[1], a[3], 0, a[3]);
             Sender s = new Sender(a[2])) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            Thread flow = new Thread(() -> {
                long next = System.nanoTime();
                try {
                    while (running.get()) {
                        s.send(group, (int) sent.get(), 2);
                        sent.incrementAndGet();
                        next += period;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            flow.start();
            Thread.sleep(1000);
            double hupMs = hup(pid, pidFile);
            Thread.sleep(1000);
            running.set(false);
            flow.join();
            String res = r.result();
            long received = Long.parseLong(res.replaceAll(".*flow_recv=(\\d+).*", "$1"));
            OUT.printf("hup_ms=%.3f sent=%d lost=%d%n", hupMs, sent.get(), sent.get() - received);
        }
    }

    /** The first packets of a JVM run interpreted: send some on an existing route first. */
    private static void warmUp(Sender s, int group) throws Exception {
        for (int i = 0; i < 300; i++) {
            s.send(group, i, 9);
            LockSupport.parkNanos(200_000);
        }
        Thread.sleep(300);
    }

    private static final class Sender implements AutoCloseable {
        private final DatagramChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(64);

        Sender(String outIf) throws IOException {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(outIf));
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, TTL);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
        }

        synchronized void send(int group, int index, int kind) throws IOException {
            buf.clear();
            buf.putLong(System.nanoTime()).putInt(index).putInt(kind).flip();
            ch.send(buf, new InetSocketAddress(toAddress(group), PORT));
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** The receiver JVM in the receiver namespace, started by the sender and read line by line. */
    private static final class Receiver implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;

        private Receiver(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
        }

        static Receiver start(String ns, String iface, String firstGroup, int count, String extra)
                throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, java, "-Xss256k",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    McbProbe.class.getName(), "recv", iface, firstGroup, Integer.toString(count), extra)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Receiver r = new Receiver(p);
            String line = r.out.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException("receiver: " + line);
            }
            return r;
        }

        /** Ends the receiver (it stops after an idle second) and returns its result line. */
        String result() throws IOException {
            String line = out.readLine();
            return line == null ? "error=receiver" : line;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }

    // ---------------------------------------------------------------- receiver side

    private static void receive(String[] a) throws Exception {
        NetworkInterface nif = NetworkInterface.getByName(a[0]);
        int first = ipv4(a[1]);
        int count = Integer.parseInt(a[2]);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
             Selector sel = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(new InetSocketAddress(PORT));
            ch.join(InetAddress.getByName(a[3]), nif);
            for (int i = 0; i < count; i++) {
                ch.join(toAddress(first + i), nif);
            }
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_READ);
            long[] firstLat = new long[Math.max(count, 1)];
            long[] existLat = new long[Math.max(count, 1)];
            int nFirst = 0;
            int nExist = 0;
            long flow = 0;
            Set<Integer> groups = new HashSet<>();
            ByteBuffer buf = ByteBuffer.allocate(64);
            OUT.println("READY");
            OUT.flush();
            boolean started = false;
            while (true) {
                if (sel.select(started ? 1000 : 60_000) == 0) {
                    break;
                }
                sel.selectedKeys().clear();
                buf.clear();
                while (ch.receive(buf) != null) {
                    long now = System.nanoTime();
                    buf.flip();
                    long sentAt = buf.getLong();
                    int index = buf.getInt();
                    int kind = buf.getInt();
                    started = true;
                    if (kind == 0 && nFirst < firstLat.length) {
                        firstLat[nFirst++] = now - sentAt;
                        groups.add(index);
                    } else if (kind == 1 && nExist < existLat.length) {
                        existLat[nExist++] = now - sentAt;
                    } else if (kind == 2) {
                        flow++;
                    }
                    buf.clear();
                }
            }
            OUT.printf("first_recv=%d first_p50_ms=%.3f first_p99_ms=%.3f exist_recv=%d exist_p50_ms=%.3f"
                            + " exist_p99_ms=%.3f flow_recv=%d%n",
                    groups.size(), pct(firstLat, nFirst, 50), pct(firstLat, nFirst, 99), nExist,
                    pct(existLat, nExist, 50), pct(existLat, nExist, 99), flow);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static double pct(long[] values, int n, int p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * n) - 1;
        return v[Math.max(0, Math.min(n - 1, i))] / 1e6;
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static int ipv4(String dotted) throws IOException {
        return ByteBuffer.wrap(InetAddress.getByName(dotted).getAddress()).getInt();
    }

    private static InetAddress toAddress(int v) throws IOException {
        return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(v).array());
    }
}
