package dev.mcroute.testkit.netns;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace that a test created (with {@code ip netns add}) and deletes on {@link #close()}.
 * Its loopback is up and IPv6 duplicate address detection is off, so that addresses work at once.
 *
 * <p>{@link #call(Callable)} runs code on a thread of its own that entered the namespace with
 * setns(2): sockets created there (JDK channels, JNA sockets, a router's sockets) live in the
 * namespace, and threads that thread starts inherit it.
 */
public final class NetNamespace implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final ExecutorService thread;

    private NetNamespace(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(() -> {
                Setns.enter(name);
                task.run();
            }, "netns " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates a namespace named {@code prefix} plus a random suffix, so that concurrent test runs
     * do not collide.
     *
     * @param prefix e.g. {@code mcl-r}; with the suffix the name stays short
     * @return the namespace
     */
    public static NetNamespace create(String prefix) {
        String name = prefix + "-" + Integer.toHexString(RANDOM.nextInt(0x100000) | 0x100000);
        Commands.run("ip", "netns", "add", name);
        NetNamespace ns = new NetNamespace(name);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** @return the name, as {@code ip netns} lists it */
    public String name() {
        return name;
    }

    /**
     * Runs {@code ip -n NAME ARGS...}.
     *
     * @param args the arguments after {@code ip -n NAME}
     * @return its output
     */
    public String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        return Commands.run(command);
    }

    /**
     * Runs a program inside the namespace ({@code ip netns exec NAME ...}), e.g. to read
     * {@code /proc/net/igmp} as the namespace sees it.
     *
     * @param command the program and its arguments
     * @return its output
     */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Commands.run(full);
    }

    /**
     * Runs a task on this namespace's thread and waits for it.
     *
     * @param task the task
     * @param <T>  its result
     * @return its result
     * @throws Exception whatever the task throws
     */
    public <T> T call(Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the namespace's thread and deletes the namespace. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Commands.run("ip", "netns", "del", name);
    }

    @Override
    public String toString() {
        return name;
    }
}
