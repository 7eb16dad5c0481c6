package dev.mcroute.testkit.netns;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/** setns(2) for the calling thread, by the name of a namespace that {@code ip netns add} created. */
final class Setns {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register(Setns.class, NativeLibrary.getInstance("c"));
    }

    private Setns() {
    }

    private static native int open(String path, int flags);

    private static native int setns(int fd, int nstype);

    private static native int close(int fd);

    /**
     * Moves the calling thread into the network namespace {@code /run/netns/NAME}.
     *
     * @param name the namespace
     */
    static void enter(String name) {
        String path = "/run/netns/" + name;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("open " + path + ": errno " + Native.getLastError());
        }
        try {
            if (setns(fd, CLONE_NEWNET) < 0) {
                throw new IllegalStateException("setns " + path + ": errno " + Native.getLastError());
            }
        } finally {
            close(fd);
        }
    }
}
