package dev.mcroute.freebsd;

import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.NetInterface;
import java.util.List;

/**
 * The {@link FreeBsdNative} calls of the router, each turning an errno into a
 * {@link MulticastRouterException} that names the option or request, the object and the errno,
 * e.g. {@code MRT_ADD_MFC (10.0.0.1, 225.1.2.3) on table 0: ENOENT (No such file or directory)}.
 */
final class KernelCalls {
    private final FreeBsdNative libc;

    /** @param libc the system calls */
    KernelCalls(FreeBsdNative libc) {
        this.libc = libc;
    }

    /**
     * @param domain   the domain
     * @param type     the socket type
     * @param protocol the protocol
     * @param what     what the socket is for, e.g. {@code IPv4 multicast routing socket}
     * @return the descriptor
     */
    int socket(int domain, int type, int protocol, String what) {
        try {
            return libc.socket(domain, type, protocol);
        } catch (ErrnoException e) {
            throw failure("socket", what, e);
        }
    }

    /**
     * @param fd         the socket
     * @param level      the option level
     * @param option     the option
     * @param optionName its name, e.g. {@code MRT_ADD_VIF}
     * @param subject    what it is about
     * @param value      the option value
     */
    void setsockopt(int fd, int level, int option, String optionName, String subject, byte[] value) {
        try {
            libc.setsockopt(fd, level, option, value);
        } catch (ErrnoException e) {
            throw failure(optionName, subject, e);
        }
    }

    /**
     * @param fd          the descriptor
     * @param request     the request
     * @param requestName its name, e.g. {@code SIOCGETSGCNT}
     * @param subject     what it is about
     * @param inout       the argument struct, filled in by the kernel
     * @return the same array, as the kernel left it
     */
    byte[] ioctl(int fd, long request, String requestName, String subject, byte[] inout) {
        try {
            libc.ioctl(fd, request, inout);
            return inout;
        } catch (ErrnoException e) {
            throw failure(requestName, subject, e);
        }
    }

    /** @return the interfaces, as getifaddrs(3) lists them */
    List<NetInterface> interfaces() {
        try {
            return libc.interfaces();
        } catch (ErrnoException e) {
            throw failure("getifaddrs", "network interfaces", e);
        }
    }

    private static MulticastRouterException failure(String operation, String subject, ErrnoException e) {
        MulticastRouterException failure = new MulticastRouterException(operation, subject, e.errno(),
                FreeBsdErrno.name(e.errno()), FreeBsdErrno.description(e.errno()));
        failure.initCause(e);
        return failure;
    }
}
