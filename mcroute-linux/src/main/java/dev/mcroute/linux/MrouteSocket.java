package dev.mcroute.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.VifCounters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * The raw socket that owns one family's kernel multicast routing table: it sets the table, calls
 * INIT, programs VIFs and routes with preallocated buffers, reads counters with the table's own
 * ioctls (they answer for the table this socket owns, so no {@code /proc} parsing is needed for
 * non-default tables), and decodes upcalls.
 *
 * <p>Control calls are serialized on this object; {@link #drainUpcalls(Consumer)} is for the one
 * event thread and uses its own buffer.
 */
abstract class MrouteSocket implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 2048;
    /**
     * Socket buffer for upcalls: a burst of new flows queues one upcall (~1 KiB of buffer each)
     * per flow while the event thread installs routes; the default 208 KiB held ~200.
     */
    static final int UPCALL_SOCKET_BUFFER = 4 << 20;

    final Family family;
    final int table;
    final int fd;
    /** Request buffer, large enough for the largest struct written or read (sioc_sg_req6). */
    final Memory request = new Memory(128);
    private final Memory received = new Memory(RECEIVE_BUFFER);
    private volatile boolean closed;

    MrouteSocket(Family family, int table, int fd) {
        this.family = family;
        this.table = table;
        this.fd = fd;
    }

    /**
     * Opens the socket of one family in the calling thread's network namespace and takes the table.
     *
     * @param family the family
     * @param table  the API's table number; 0 is the kernel's default table
     * @return the socket, after INIT and ASSERT
     */
    static MrouteSocket open(Family family, int table) {
        return family == Family.IPV4 ? Mroute4Socket.open(table) : Mroute6Socket.open(table);
    }

    /** Opens a raw socket, or fails naming the call. */
    static int rawSocket(int domain, int protocol, String what) {
        int fd = Libc.socket(domain, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Errno.exception("socket", what, Errno.last());
        }
        return fd;
    }

    /** Sets the table (unless it is the default), INIT, then ASSERT so that WRONGVIF upcalls arrive. */
    void takeTable(int level, int tableOption, int initOption, int assertOption, String prefix) {
        if (table != 0) {
            setInt(level, tableOption, table, prefix + "_TABLE", tableName());
        }
        request.setInt(0, 1);
        if (Libc.setsockopt(fd, level, initOption, request, 4) < 0) {
            int errno = Errno.last();
            if (errno == Errno.EADDRINUSE) {
                throw Errno.exception(prefix + "_INIT", tableName(), errno, "another multicast router owns "
                        + tableName() + " in this network namespace (smcrouted, pimd, mrouted or a second mcroute router?)");
            }
            throw Errno.exception(prefix + "_INIT", tableName(), errno);
        }
        setInt(level, assertOption, 1, prefix + "_ASSERT", tableName());
        enlargeReceiveBuffer();
    }

    /**
     * Best effort: beyond net.core.rmem_max only with CAP_NET_ADMIN, which INIT needed anyway; a
     * buffer that stays smaller only drops the upcalls of larger bursts (the kernel then drops the
     * packet and asks again on the flow's next one).
     */
    private void enlargeReceiveBuffer() {
        request.setInt(0, UPCALL_SOCKET_BUFFER);
        if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, request, 4) < 0) {
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, request, 4);
        }
    }

    private synchronized void setInt(int level, int option, int value, String call, String subject) {
        request.setInt(0, value);
        if (Libc.setsockopt(fd, level, option, request, 4) < 0) {
            throw Errno.exception(call, subject, Errno.last());
        }
    }

    /**
     * Calls setsockopt with the first {@code length} bytes of {@link #request}; the caller holds the
     * lock and builds its error message only on failure, so a successful call allocates nothing.
     *
     * @return 0, or the errno
     */
    int setRequest(int level, int option, int length) {
        return Libc.setsockopt(fd, level, option, request, length) < 0 ? Errno.last() : 0;
    }

    /**
     * Calls ioctl with {@link #request}; the caller holds the lock.
     *
     * @return 0, or the errno
     */
    int ioctlRequest(int command) {
        return Libc.ioctl(fd, command, request) < 0 ? Errno.last() : 0;
    }

    /** @return e.g. {@code IPv4 table 0} */
    String tableName() {
        return (family == Family.IPV4 ? "IPv4" : "IPv6") + " table " + table;
    }

    abstract void addVif(int vif, int interfaceIndex, int ttlThreshold, String interfaceName);

    abstract void removeVif(int vif, String interfaceName);

    /** Adds the route, or updates the existing one with the same source and group in place. */
    abstract void addRoute(MfcEntry entry);

    abstract void removeRoute(SourceGroup key);

    abstract RouteCounters counters(SourceGroup key);

    abstract VifCounters counters(int vif);

    /**
     * @param message a received datagram
     * @param length  its length
     * @return the upcall it carries, or {@code null} for ordinary IGMP/ICMPv6 traffic
     */
    abstract Upcall decodeUpcall(Pointer message, int length);

    /**
     * Reads every queued datagram without blocking and passes the upcalls on.
     *
     * @param sink receives the upcalls in kernel order
     */
    void drainUpcalls(Consumer<Upcall> sink) {
        while (!closed) {
            long n = Libc.recv(fd, received, RECEIVE_BUFFER, Libc.MSG_DONTWAIT);
            if (n < 0) {
                int errno = Errno.last();
                if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                    return;
                }
                throw Errno.exception("recv", "upcalls of " + tableName(), errno);
            }
            Upcall upcall;
            try {
                upcall = decodeUpcall(received, (int) n);
            } catch (IllegalArgumentException e) {
                continue; // an address the API cannot represent as a route key, e.g. source ::
            }
            if (upcall != null) {
                sink.accept(upcall);
            }
        }
    }

    static InetAddress address(Pointer p, long offset, int length) {
        try {
            return InetAddress.getByAddress(p.getByteArray(offset, length));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static RouteCounters routeCounters(Pointer p, int packets, int bytes, int wrongIf) {
        return new RouteCounters(p.getLong(packets), p.getLong(bytes), p.getLong(wrongIf));
    }

    static VifCounters vifCounters(Pointer p, int in, int inBytes, int out, int outBytes) {
        return new VifCounters(p.getLong(in), p.getLong(inBytes), p.getLong(out), p.getLong(outBytes));
    }

    /** Gives up the table (DONE), then closes the socket, which would also flush it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        done();
        Libc.close(fd);
    }

    /** Calls DONE; failures are ignored because close() removes the table anyway. */
    abstract void done();
}
