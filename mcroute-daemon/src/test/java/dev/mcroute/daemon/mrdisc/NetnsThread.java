package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A thread that has joined a named network namespace ({@code setns} is per thread), so sockets
 * it opens live there; the rest of the test JVM stays in its own namespace.
 */
final class NetnsThread implements AutoCloseable {

    interface NetnsLibc extends Library {
        NetnsLibc INSTANCE = Native.load("c", NetnsLibc.class);
        int O_RDONLY = 0;
        int O_CLOEXEC = 0x80000;
        int CLONE_NEWNET = 0x40000000;

        int open(String path, int flags);

        int setns(int fd, int type);

        int close(int fd);
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    NetnsThread(String namespace) throws Exception {
        call(() -> {
            NetnsLibc libc = NetnsLibc.INSTANCE;
            int fd = libc.open("/run/netns/" + namespace, NetnsLibc.O_RDONLY | NetnsLibc.O_CLOEXEC);
            if (fd < 0 || libc.setns(fd, NetnsLibc.CLONE_NEWNET) != 0) {
                throw new IOException("setns into " + namespace + " failed: errno " + Native.getLastError());
            }
            libc.close(fd);
            return null;
        });
    }

    <T> T call(Callable<T> task) throws Exception {
        try {
            return executor.submit(task).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
