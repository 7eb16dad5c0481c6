package dev.mcroute.freebsd;

import dev.mcroute.api.NetInterface;
import java.util.List;

/**
 * The system calls the FreeBSD provider makes, with plain arguments so that a test can replace the
 * real {@link JnaFreeBsdNative} with a recorder. Structs travel as byte arrays encoded by
 * {@link FreeBsdAbi}-based codecs. Every method throws {@link ErrnoException} when the call fails.
 */
interface FreeBsdNative {

    /**
     * {@code socket(2)}.
     *
     * @param domain   e.g. {@link FreeBsdAbi#AF_INET}
     * @param type     e.g. {@link FreeBsdAbi#SOCK_RAW}
     * @param protocol e.g. {@link FreeBsdAbi#IPPROTO_IGMP}
     * @return the descriptor
     */
    int socket(int domain, int type, int protocol);

    /**
     * {@code setsockopt(2)}.
     *
     * @param fd     a socket
     * @param level  the option level
     * @param option the option name
     * @param value  the option value, maybe empty
     */
    void setsockopt(int fd, int level, int option, byte[] value);

    /**
     * {@code ioctl(2)} with an in/out argument struct, updated in place.
     *
     * @param fd      a descriptor
     * @param request the request, e.g. {@link FreeBsdAbi#SIOCGETSGCNT}
     * @param inout   the argument struct
     */
    void ioctl(int fd, long request, byte[] inout);

    /**
     * Waits until one of the descriptors is readable ({@code poll(2)} with {@code POLLIN}).
     *
     * @param fds           descriptors
     * @param timeoutMillis how long to wait at most
     * @return for each descriptor whether it is readable
     */
    boolean[] pollReadable(int[] fds, int timeoutMillis);

    /**
     * {@code read(2)}.
     *
     * @param fd     a descriptor
     * @param buffer where to put the data
     * @return the number of bytes read
     */
    int read(int fd, byte[] buffer);

    /**
     * {@code close(2)}.
     *
     * @param fd a descriptor
     */
    void close(int fd);

    /**
     * The interfaces with their flags and addresses, as {@code getifaddrs(3)} reports them.
     *
     * @return the interfaces, by index
     */
    List<NetInterface> interfaces();
}
