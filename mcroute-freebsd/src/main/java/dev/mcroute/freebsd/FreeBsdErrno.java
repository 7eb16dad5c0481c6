package dev.mcroute.freebsd;

import java.util.Map;

/**
 * FreeBSD errno numbers, names and meanings (sys/sys/errno.h; several differ from Linux, e.g.
 * EADDRNOTAVAIL is 49 here and 99 there), for the errors the multicast routing calls report.
 */
final class FreeBsdErrno {
    private record Entry(String name, String description) {
    }

    private static final Map<Integer, Entry> KNOWN = Map.ofEntries(
            Map.entry(1, new Entry("EPERM", "Operation not permitted")),
            Map.entry(2, new Entry("ENOENT", "No such file or directory")),
            Map.entry(4, new Entry("EINTR", "Interrupted system call")),
            Map.entry(9, new Entry("EBADF", "Bad file descriptor")),
            Map.entry(12, new Entry("ENOMEM", "Cannot allocate memory")),
            Map.entry(13, new Entry("EACCES", "Permission denied")),
            Map.entry(14, new Entry("EFAULT", "Bad address")),
            Map.entry(16, new Entry("EBUSY", "Device busy")),
            Map.entry(17, new Entry("EEXIST", "File exists")),
            Map.entry(22, new Entry("EINVAL", "Invalid argument")),
            Map.entry(35, new Entry("EAGAIN", "Resource temporarily unavailable")),
            Map.entry(42, new Entry("ENOPROTOOPT", "Protocol not available")),
            Map.entry(43, new Entry("EPROTONOSUPPORT", "Protocol not supported")),
            Map.entry(45, new Entry("EOPNOTSUPP", "Operation not supported")),
            Map.entry(47, new Entry("EAFNOSUPPORT", "Address family not supported by protocol family")),
            Map.entry(48, new Entry("EADDRINUSE", "Address already in use")),
            Map.entry(49, new Entry("EADDRNOTAVAIL", "Can't assign requested address")),
            Map.entry(50, new Entry("ENETDOWN", "Network is down")),
            Map.entry(55, new Entry("ENOBUFS", "No buffer space available")),
            Map.entry(6, new Entry("ENXIO", "Device not configured")));

    private FreeBsdErrno() {
    }

    /**
     * @param errno an errno number
     * @return its symbolic name, or {@code errno N} for one not in the table
     */
    static String name(int errno) {
        Entry entry = KNOWN.get(errno);
        return entry != null ? entry.name() : "errno " + errno;
    }

    /**
     * @param errno an errno number
     * @return what strerror(3) says about it on FreeBSD, or a generic text
     */
    static String description(int errno) {
        Entry entry = KNOWN.get(errno);
        return entry != null ? entry.description() : "Unknown error: " + errno;
    }
}
