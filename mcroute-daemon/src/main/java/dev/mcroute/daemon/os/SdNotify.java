package dev.mcroute.daemon.os;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * systemd's readiness protocol: a datagram such as {@code READY=1} to the UNIX socket named by
 * {@code NOTIFY_SOCKET} (a leading {@code @} names an abstract socket). The JDK has only stream
 * UNIX sockets, so this goes through libc.
 */
public final class SdNotify {
    private static final int SUN_PATH = 108;

    private SdNotify() {
    }

    /**
     * Sends a state if systemd asked for notifications; does nothing otherwise.
     *
     * @param notifySocket the value of NOTIFY_SOCKET, if set
     * @param state        e.g. {@code READY=1}
     * @return an error text if sending failed
     */
    public static Optional<String> notify(Optional<String> notifySocket, String state) {
        if (notifySocket.isEmpty() || notifySocket.get().isEmpty()) {
            return Optional.empty();
        }
        byte[] address = address(notifySocket.get());
        if (address == null) {
            return Optional.of("NOTIFY_SOCKET " + notifySocket.get() + " is not a usable UNIX socket path");
        }
        Libc libc = Libc.INSTANCE;
        int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return Optional.of("sd_notify: socket() failed, errno " + com.sun.jna.Native.getLastError());
        }
        try {
            byte[] message = state.getBytes(StandardCharsets.UTF_8);
            if (libc.sendto(fd, message, message.length, 0, address, address.length) < 0) {
                return Optional.of("sd_notify: sendto(" + notifySocket.get() + ") failed, errno "
                        + com.sun.jna.Native.getLastError());
            }
            return Optional.empty();
        } finally {
            libc.close(fd);
        }
    }

    /** Builds a {@code struct sockaddr_un}; abstract names keep their leading NUL and no terminator. */
    static byte[] address(String path) {
        boolean abstractName = path.startsWith("@");
        byte[] name = (abstractName ? "\0" + path.substring(1) : path).getBytes(StandardCharsets.UTF_8);
        if ((!abstractName && path.charAt(0) != '/') || name.length >= SUN_PATH) {
            return null;
        }
        int length = 2 + name.length + (abstractName ? 0 : 1);
        byte[] address = new byte[length];
        address[0] = (byte) Libc.AF_UNIX; // sa_family_t, little-endian on the machines we run on
        address[1] = 0;
        System.arraycopy(name, 0, address, 2, name.length);
        return address;
    }
}
