package dev.mcroute.freebsd;

import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_INET6;
import static dev.mcroute.freebsd.FreeBsdAbi.AF_LINK;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_ADDR;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_FLAGS;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_NAME;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_NETMASK;
import static dev.mcroute.freebsd.FreeBsdAbi.IFA_NEXT;
import static dev.mcroute.freebsd.FreeBsdAbi.POLLFD_SIZE;
import static dev.mcroute.freebsd.FreeBsdAbi.POLLIN;
import static dev.mcroute.freebsd.FreeBsdAbi.SDL_INDEX;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.mcroute.api.InterfaceAddress;
import dev.mcroute.api.NetInterface;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link FreeBsdNative}: FreeBSD's libc through JNA. Constructed only on FreeBSD, by
 * {@link FreeBsdProvider#open}, so that libc is never bound on another system.
 */
final class JnaFreeBsdNative implements FreeBsdNative {

    /** The libc functions used, with fixed signatures (ioctl's variadic argument is one pointer). */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        int ioctl(int fd, NativeLong request, byte[] argument) throws LastErrorException;

        int poll(byte[] fds, int nfds, int timeout) throws LastErrorException;

        NativeLong read(int fd, byte[] buffer, NativeLong length) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int getifaddrs(PointerByReference list) throws LastErrorException;

        void freeifaddrs(Pointer list);
    }

    private final LibC libc = Native.load("c", LibC.class);

    @Override
    public int socket(int domain, int type, int protocol) {
        try {
            return libc.socket(domain, type, protocol);
        } catch (LastErrorException e) {
            throw new ErrnoException("socket", e.getErrorCode());
        }
    }

    @Override
    public void setsockopt(int fd, int level, int option, byte[] value) {
        try {
            libc.setsockopt(fd, level, option, value.length == 0 ? null : value, value.length);
        } catch (LastErrorException e) {
            throw new ErrnoException("setsockopt", e.getErrorCode());
        }
    }

    @Override
    public void ioctl(int fd, long request, byte[] inout) {
        try {
            libc.ioctl(fd, new NativeLong(request), inout);
        } catch (LastErrorException e) {
            throw new ErrnoException("ioctl", e.getErrorCode());
        }
    }

    @Override
    public boolean[] pollReadable(int[] fds, int timeoutMillis) {
        ByteBuffer pollfds = ByteBuffer.allocate(POLLFD_SIZE * fds.length).order(ByteOrder.nativeOrder());
        for (int i = 0; i < fds.length; i++) {
            // struct pollfd: fd @0, events @4, revents @6; a negative fd is ignored by poll(2)
            pollfds.putInt(POLLFD_SIZE * i, fds[i]);
            pollfds.putShort(POLLFD_SIZE * i + 4, POLLIN);
        }
        try {
            libc.poll(pollfds.array(), fds.length, timeoutMillis);
        } catch (LastErrorException e) {
            throw new ErrnoException("poll", e.getErrorCode());
        }
        boolean[] readable = new boolean[fds.length];
        for (int i = 0; i < fds.length; i++) {
            readable[i] = fds[i] >= 0 && (pollfds.getShort(POLLFD_SIZE * i + 6) & POLLIN) != 0;
        }
        return readable;
    }

    @Override
    public int read(int fd, byte[] buffer) {
        try {
            return libc.read(fd, buffer, new NativeLong(buffer.length)).intValue();
        } catch (LastErrorException e) {
            throw new ErrnoException("read", e.getErrorCode());
        }
    }

    @Override
    public void close(int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            throw new ErrnoException("close", e.getErrorCode());
        }
    }

    @Override
    public List<NetInterface> interfaces() {
        PointerByReference list = new PointerByReference();
        try {
            libc.getifaddrs(list);
        } catch (LastErrorException e) {
            throw new ErrnoException("getifaddrs", e.getErrorCode());
        }
        Map<String, Integer> indexes = new LinkedHashMap<>();
        Map<String, Integer> flags = new LinkedHashMap<>();
        Map<String, List<InterfaceAddress>> addresses = new LinkedHashMap<>();
        try {
            for (Pointer p = list.getValue(); p != null; p = p.getPointer(IFA_NEXT)) {
                String name = p.getPointer(IFA_NAME).getString(0, "US-ASCII");
                flags.put(name, p.getInt(IFA_FLAGS));
                addresses.computeIfAbsent(name, n -> new ArrayList<>());
                Pointer addr = p.getPointer(IFA_ADDR);
                if (addr == null) {
                    continue;
                }
                int family = addr.getByte(1) & 0xff;
                if (family == AF_LINK) {
                    indexes.put(name, addr.getShort(SDL_INDEX) & 0xffff);
                } else if (family == AF_INET || family == AF_INET6) {
                    byte[] sa = sockaddr(addr);
                    Optional<InetAddress> address = Sockaddrs.read(sa, 0, sa.length);
                    Pointer mask = p.getPointer(IFA_NETMASK);
                    boolean ipv6 = family == AF_INET6;
                    byte[] netmask = mask == null ? null : sockaddr(mask);
                    int prefix = netmask == null ? (ipv6 ? 128 : 32) : Sockaddrs.prefixLength(netmask, 0, netmask.length, ipv6);
                    address.ifPresent(a -> addresses.get(name).add(new InterfaceAddress(a, prefix)));
                }
            }
        } finally {
            libc.freeifaddrs(list.getValue());
        }
        List<NetInterface> result = new ArrayList<>();
        indexes.forEach((name, index) -> result.add(new NetInterface(name, index,
                InterfaceTable.flags(flags.get(name)), addresses.get(name))));
        result.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return result;
    }

    private static byte[] sockaddr(Pointer sa) {
        int length = Math.max(sa.getByte(0) & 0xff, 2);
        return sa.getByteArray(0, length);
    }
}
