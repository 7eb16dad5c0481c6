package dev.mcroute.daemon.privileges;

import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs short steps on the process's thread-group leader, the thread whose credentials
 * {@code /proc/PID/status} shows. In a JVM started by the {@code java} launcher that thread
 * never runs Java code: it created the main Java thread and waits in {@code pthread_join}.
 * This class borrows it for a moment: it installs a handler for a free real-time signal, sends
 * that signal to the leader only ({@code tgkill}), and JNA runs the Java step on the leader
 * inside the handler (attaching it to the JVM for the call). The leader is parked in a futex
 * wait and holds no locks there, so running ordinary code in the handler is safe in practice;
 * SA_RESTART lets its {@code pthread_join} continue afterwards.
 */
final class LeaderThread implements AutoCloseable {

    /** Generous: the leader answers in microseconds unless the machine is swapping. */
    private static final long STEP_TIMEOUT_SECONDS = 10;

    /** One step of privilege work; runs on whichever thread calls it. */
    interface Step {
        void run() throws PrivilegeDropException;
    }

    private final PrivilegeLibc libc = PrivilegeLibc.INSTANCE;
    private final int pid = libc.getpid();
    private final int signal;
    private final Memory previousAction = new Memory(PrivilegeLibc.SIGACTION_SIZE);
    private final PrivilegeLibc.SignalHandler handler = this::onSignal;
    private volatile Pending pending;

    private record Pending(Step step, CompletableFuture<Void> done) {}

    private LeaderThread(int signal) throws PrivilegeDropException {
        this.signal = signal;
        Native.setCallbackThreadInitializer(handler,
                new CallbackThreadInitializer(true, true, "mcroute-thread-group-leader"));
        Memory action = new Memory(PrivilegeLibc.SIGACTION_SIZE);
        action.clear();
        action.setPointer(0, CallbackReference.getFunctionPointer(handler));
        action.setInt(PrivilegeLibc.SIGACTION_FLAGS_OFFSET, PrivilegeLibc.SA_RESTART);
        if (libc.sigaction(signal, action, previousAction) != 0) {
            throw PrivilegeDropException.ofErrno("sigaction(" + signal + ")", Native.getLastError());
        }
    }

    /**
     * Installs the handler on the highest real-time signal that has the default disposition
     * (nobody else uses it) and that the leader does not block.
     */
    static LeaderThread install() throws PrivilegeDropException {
        PrivilegeLibc libc = PrivilegeLibc.INSTANCE;
        long blocked = leaderBlockedSignals(libc.getpid());
        Memory current = new Memory(PrivilegeLibc.SIGACTION_SIZE);
        for (int signal = libc.__libc_current_sigrtmax(); signal >= libc.__libc_current_sigrtmin(); signal--) {
            boolean blockedByLeader = (blocked >>> (signal - 1) & 1) != 0;
            if (!blockedByLeader && libc.sigaction(signal, null, current) == 0
                    && Pointer.nativeValue(current.getPointer(0)) == 0) {
                return new LeaderThread(signal);
            }
        }
        throw new PrivilegeDropException("no free real-time signal to reach the thread-group leader "
                + "(all have handlers or are blocked by it, SigBlk " + Long.toHexString(blocked) + ")");
    }

    /** Runs {@code step} on the leader and waits for it; its exception is rethrown here. */
    void run(Step step) throws PrivilegeDropException {
        Pending request = new Pending(step, new CompletableFuture<>());
        pending = request;
        if (libc.tgkill(pid, pid, signal) != 0) {
            throw PrivilegeDropException.ofErrno("tgkill(" + pid + ", " + pid + ", " + signal + ")",
                    Native.getLastError());
        }
        try {
            request.done().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PrivilegeDropException cause) {
                throw cause;
            }
            throw new PrivilegeDropException("step on the thread-group leader failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new PrivilegeDropException("the thread-group leader (tid " + pid + ") did not run signal "
                    + signal + " within " + STEP_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrivilegeDropException("interrupted while waiting for the thread-group leader");
        } finally {
            pending = null;
        }
    }

    private void onSignal(int received) {
        Pending request = pending;
        if (request == null || libc.gettid() != pid) {
            return;
        }
        try {
            request.step().run();
            request.done().complete(null);
        } catch (Throwable e) {
            request.done().completeExceptionally(e);
        }
    }

    /** Puts the signal's previous disposition back. */
    @Override
    public void close() throws PrivilegeDropException {
        if (libc.sigaction(signal, previousAction, null) != 0) {
            throw PrivilegeDropException.ofErrno("sigaction(" + signal + ", restore)", Native.getLastError());
        }
    }

    private static long leaderBlockedSignals(int pid) throws PrivilegeDropException {
        Path status = Path.of("/proc/self/task/" + pid + "/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigBlk:")) {
                    return Long.parseUnsignedLong(line.substring("SigBlk:".length()).trim(), 16);
                }
            }
        } catch (IOException e) {
            throw new PrivilegeDropException("cannot read " + status + ": " + e.getMessage());
        }
        throw new PrivilegeDropException("no SigBlk line in " + status);
    }
}
