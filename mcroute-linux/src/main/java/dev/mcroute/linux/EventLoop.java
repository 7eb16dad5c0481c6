package dev.mcroute.linux;

import com.sun.jna.Memory;
import dev.mcroute.api.InterfaceEvent;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.Subscription;
import dev.mcroute.api.Upcall;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one thread of a router. It sleeps in poll(2) on the multicast routing sockets, the rtnetlink
 * event socket and an eventfd that other threads write to wake it; it calls the listeners (one call
 * at a time, in kernel order) and runs tasks that must happen in the router's network namespace,
 * which this thread inherited from the thread that opened the router.
 */
final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final int POLLFD_SIZE = 8;
    private static final int POLLFD_EVENTS = 4;
    private static final int POLLFD_REVENTS = 6;

    private final List<MrouteSocket> mroutes;
    private final Rtnetlink events;
    private final Rtnetlink dumps;
    private final InterfaceTracker tracker = new InterfaceTracker();
    private final int wakeFd;
    private final Memory wakeValue = new Memory(8);
    /** Guarded by {@code wakeValue}. */
    private boolean wakeClosed;
    private final Memory wakeRead = new Memory(8);
    private final Memory pollFds;
    private final int pollCount;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Consumer<Upcall>> upcallListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<InterfaceEvent>> interfaceListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * Takes the current interfaces as the known state and starts the thread.
     *
     * @param name    the thread's name
     * @param mroutes the routing sockets whose upcalls to read
     * @param events  the rtnetlink socket subscribed to link and address changes
     * @param dumps   the rtnetlink socket for dumps, to resynchronize after an overflow
     */
    EventLoop(String name, List<MrouteSocket> mroutes, Rtnetlink events, Rtnetlink dumps) {
        this.mroutes = List.copyOf(mroutes);
        this.events = events;
        this.dumps = dumps;
        this.wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw Errno.exception("eventfd", "wake-up of " + name, Errno.last());
        }
        wakeValue.setLong(0, 1);
        pollCount = 2 + this.mroutes.size();
        pollFds = new Memory((long) POLLFD_SIZE * pollCount);
        pollFds.clear();
        setPollFd(0, wakeFd);
        setPollFd(1, events.fd());
        for (int i = 0; i < this.mroutes.size(); i++) {
            setPollFd(2 + i, this.mroutes.get(i).fd);
        }
        try {
            tracker.resync(dumps.interfaces(), event -> { });
        } catch (RuntimeException e) {
            Libc.close(wakeFd);
            throw e;
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void setPollFd(int slot, int fd) {
        pollFds.setInt((long) slot * POLLFD_SIZE, fd);
        pollFds.setShort((long) slot * POLLFD_SIZE + POLLFD_EVENTS, Libc.POLLIN);
    }

    private boolean readable(int slot) {
        return pollFds.getShort((long) slot * POLLFD_SIZE + POLLFD_REVENTS) != 0;
    }

    Subscription onUpcall(Consumer<Upcall> listener) {
        return subscribe(upcallListeners, listener);
    }

    Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener) {
        return subscribe(interfaceListeners, listener);
    }

    private static <T> Subscription subscribe(List<Consumer<T>> listeners, Consumer<T> listener) {
        Consumer<T> unique = listener::accept; // its own identity, so that the same listener can register twice
        listeners.add(unique);
        return () -> listeners.remove(unique);
    }

    /**
     * Runs a task on this thread, so in the router's network namespace, and waits for it.
     *
     * @param task the task
     * @param <T>  its result type
     * @return its result
     */
    <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            return callHere(task);
        }
        if (stopping) {
            throw new MulticastRouterException("submit", "task to " + thread.getName(), "the router is closed");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        wake();
        try {
            while (true) {
                try {
                    return result.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!thread.isAlive() && !result.isDone()) {
                        throw new MulticastRouterException("submit", "task to " + thread.getName(), "the router is closed");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MulticastRouterException("submit", "task to " + thread.getName(), "interrupted while waiting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new MulticastRouterException("submit", "task to " + thread.getName(), e.getCause().toString());
        }
    }

    private static <T> T callHere(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A caller that found the loop running may get here after {@link #close()} has closed the
     * eventfd, whose number may by then belong to another file: hence the lock and the flag.
     */
    private void wake() {
        synchronized (wakeValue) {
            if (!wakeClosed) {
                Libc.write(wakeFd, wakeValue, 8);
            }
        }
    }

    private void run() {
        while (!stopping) {
            if (Libc.poll(pollFds, pollCount, -1) < 0) {
                int errno = Errno.last();
                if (errno != Errno.EINTR) {
                    LOG.log(System.Logger.Level.ERROR, "poll failed, the router stops reading events: " + Errno.name(errno));
                    return;
                }
                continue;
            }
            if (readable(0)) {
                Libc.read(wakeFd, wakeRead, 8);
                runTasks();
            }
            // re-checked before each socket: a listener that (against the rules) closed the router
            // must not make this thread read descriptors that are closed or already reused
            if (!stopping && readable(1)) {
                readInterfaceEvents();
            }
            for (int i = 0; i < mroutes.size() && !stopping; i++) {
                if (readable(2 + i)) {
                    readUpcalls(mroutes.get(i));
                }
            }
        }
        runTasks(); // callers that raced with close() still get an answer
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private void readInterfaceEvents() {
        try {
            if (!events.drain(message -> tracker.apply(message, this::deliverInterfaceEvent))) {
                tracker.resync(dumps.interfaces(), this::deliverInterfaceEvent);
            }
        } catch (RuntimeException e) { // logged, and the thread goes on: upcalls must keep flowing
            LOG.log(System.Logger.Level.WARNING, "reading interface events failed", e);
        }
    }

    private void readUpcalls(MrouteSocket socket) {
        try {
            socket.drainUpcalls(this::deliverUpcall);
        } catch (RuntimeException e) { // logged, and the thread goes on: interface events too
            LOG.log(System.Logger.Level.WARNING, "reading upcalls failed", e);
        }
    }

    private void deliverUpcall(Upcall upcall) {
        deliver(upcallListeners, upcall);
    }

    private void deliverInterfaceEvent(InterfaceEvent event) {
        deliver(interfaceListeners, event);
    }

    private static <T> void deliver(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener failed on " + value, e);
            }
        }
    }

    /** Stops the thread and waits for it, unless called from it (listeners must not close the router). */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        wake();
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (wakeValue) {
            wakeClosed = true;
            Libc.close(wakeFd);
        }
    }
}
