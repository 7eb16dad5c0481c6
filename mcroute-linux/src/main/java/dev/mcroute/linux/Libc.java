package dev.mcroute.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc calls. Every method returns -1 on failure; the caller then reads
 * {@link Native#getLastError()}, which JNA saves per thread right after the call.
 */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_IGMP = 2;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    static {
        Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int bind(int fd, Pointer address, int length);

    /** ioctl(2) with the one pointer argument the multicast counter requests take. */
    static native int ioctl(int fd, long request, Pointer argument);

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native long recv(int fd, Pointer buffer, long length, int flags);

    static native long send(int fd, Pointer buffer, long length, int flags);

    static native long read(int fd, Pointer buffer, long length);

    static native long write(int fd, Pointer buffer, long length);

    static native int eventfd(int initialValue, int flags);

    static native int close(int fd);

    static native String strerror(int errno);
}
