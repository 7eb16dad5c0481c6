package dev.mcroute.daemon.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls the daemon needs that the JDK lacks: syslog(3) and datagram UNIX sockets. */
interface Libc extends Library {
    /** Loaded once; interface mapping because syslog(3) is variadic. */
    Libc INSTANCE = Native.load("c", Libc.class);

    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = 0x80000;
    int LOG_PID = 0x01;
    int LOG_NDELAY = 0x08;
    int LOG_DAEMON = 3 << 3;

    void openlog(Pointer ident, int option, int facility);

    void syslog(int priority, String format, Object... args);

    int socket(int domain, int type, int protocol);

    long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

    int close(int fd);
}
