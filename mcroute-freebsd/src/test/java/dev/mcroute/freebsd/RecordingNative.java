package dev.mcroute.freebsd;

import dev.mcroute.api.NetInterface;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A {@link FreeBsdNative} that records every call as a line of text, with constants named from
 * its own tables (written from the FreeBSD headers, independently of {@link FreeBsdAbi}) and struct
 * bytes in hex; it answers reads from queues the test fills and fails calls on request.
 */
final class RecordingNative implements FreeBsdNative {
    private static final Map<Integer, String> DOMAINS = Map.of(2, "AF_INET", 28, "AF_INET6", 17, "PF_ROUTE");
    private static final Map<Integer, String> PROTOCOLS = Map.of(2, "IPPROTO_IGMP", 58, "IPPROTO_ICMPV6", 0, "0");
    private static final Map<Integer, String> LEVELS = Map.of(0, "IPPROTO_IP", 41, "IPPROTO_IPV6");
    /** sys/netinet/ip_mroute.h and in.h (IPPROTO_IP level). */
    private static final Map<Integer, String> IP_OPTIONS = Map.of(100, "MRT_INIT", 101, "MRT_DONE",
            102, "MRT_ADD_VIF", 103, "MRT_DEL_VIF", 104, "MRT_ADD_MFC", 105, "MRT_DEL_MFC", 107, "MRT_ASSERT",
            80, "MCAST_JOIN_GROUP", 81, "MCAST_LEAVE_GROUP", 82, "MCAST_JOIN_SOURCE_GROUP");
    /** sys/netinet6/ip6_mroute.h and in.h (IPPROTO_IPV6 level). */
    private static final Map<Integer, String> IPV6_OPTIONS = Map.of(108, "MRT6_INIT", 101, "MRT6_DONE",
            102, "MRT6_ADD_MIF", 103, "MRT6_DEL_MIF", 104, "MRT6_ADD_MFC", 105, "MRT6_DEL_MFC", 107, "MRT6_PIM",
            80, "MCAST_JOIN_GROUP", 81, "MCAST_LEAVE_GROUP", 82, "MCAST_JOIN_SOURCE_GROUP");
    /** _IOWR values worked out by hand: 0xC0000000 | sizeof << 16 | group << 8 | number. */
    private static final Map<Long, String> REQUESTS = Map.of(0xC028720FL, "SIOCGETVIFCNT", 0xC0207210L, "SIOCGETSGCNT",
            0xC050756AL, "SIOCGETSGCNT_IN6", 0xC028756BL, "SIOCGETMIFCNT_IN6");

    private final List<String> calls = new ArrayList<>();
    private final Map<Integer, Queue<byte[]>> pendingReads = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<Long, byte[]> ioctlAnswers = new HashMap<>();
    private List<NetInterface> interfaces;
    private int nextFd = 3;

    RecordingNative(List<NetInterface> interfaces) {
        this.interfaces = interfaces;
    }

    /** @return the calls so far, one line each */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the calls so far. */
    synchronized void clearCalls() {
        calls.clear();
    }

    /** Makes the next call of that option or request fail with that errno. */
    synchronized void failNext(String name, int errno) {
        failures.put(name, errno);
    }

    /** Queues bytes that the next read of that descriptor returns. */
    synchronized void queueRead(int fd, byte[] bytes) {
        pendingReads.computeIfAbsent(fd, f -> new ArrayDeque<>()).add(bytes);
        notifyAll();
    }

    /** Sets what the kernel writes back for an ioctl request. */
    synchronized void answerIoctl(long request, byte[] answer) {
        ioctlAnswers.put(request, answer);
    }

    /** Changes what the next interface listing returns. */
    synchronized void setInterfaces(List<NetInterface> now) {
        interfaces = now;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private void maybeFail(String name, String call) {
        Integer errno = failures.remove(name);
        if (errno != null) {
            throw new ErrnoException(call, errno);
        }
    }

    @Override
    public synchronized int socket(int domain, int type, int protocol) {
        String line = "socket(" + DOMAINS.get(domain) + ", " + (type == 3 ? "SOCK_RAW" : type) + ", "
                + PROTOCOLS.get(protocol) + ")";
        calls.add(line);
        maybeFail(DOMAINS.get(domain), "socket");
        return nextFd++;
    }

    @Override
    public synchronized void setsockopt(int fd, int level, int option, byte[] value) {
        String name = (level == 0 ? IP_OPTIONS : IPV6_OPTIONS).get(option);
        calls.add("setsockopt(" + fd + ", " + LEVELS.get(level) + ", " + name + ", " + hex(value) + ")");
        maybeFail(name, "setsockopt");
    }

    @Override
    public synchronized void ioctl(int fd, long request, byte[] inout) {
        String name = REQUESTS.get(request);
        calls.add("ioctl(" + fd + ", " + name + ", " + hex(inout) + ")");
        maybeFail(name, "ioctl");
        byte[] answer = ioctlAnswers.get(request);
        if (answer != null) {
            System.arraycopy(answer, 0, inout, 0, inout.length);
        }
    }

    @Override
    public synchronized boolean[] pollReadable(int[] fds, int timeoutMillis) {
        boolean[] readable = readable(fds);
        if (!anyOf(readable) && timeoutMillis > 0) {
            // like poll(2), wait for data rather than let a reader thread spin
            try {
                wait(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readable = readable(fds);
        }
        return readable;
    }

    private boolean[] readable(int[] fds) {
        boolean[] readable = new boolean[fds.length];
        for (int i = 0; i < fds.length; i++) {
            Queue<byte[]> queue = pendingReads.get(fds[i]);
            readable[i] = queue != null && !queue.isEmpty();
        }
        return readable;
    }

    private static boolean anyOf(boolean[] values) {
        for (boolean value : values) {
            if (value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized int read(int fd, byte[] buffer) {
        byte[] next = pendingReads.get(fd).remove();
        System.arraycopy(next, 0, buffer, 0, next.length);
        return next.length;
    }

    @Override
    public synchronized void close(int fd) {
        calls.add("close(" + fd + ")");
    }

    @Override
    public synchronized List<NetInterface> interfaces() {
        maybeFail("getifaddrs", "getifaddrs");
        return interfaces;
    }
}
