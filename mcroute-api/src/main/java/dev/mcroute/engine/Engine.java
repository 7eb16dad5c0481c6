package dev.mcroute.engine;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Static multicast routing on top of a {@link MulticastRouter}: makes the kernel match a
 * {@link DesiredState} and keeps it so.
 *
 * <ul>
 *   <li>VIFs are allocated only for interfaces some rule uses, and freed when none does.</li>
 *   <li>(S,G) rules and source ranges are installed at once; (*,G) templates when the kernel
 *       reports a sender (NOCACHE upcall), choosing the most specific template; a sender no
 *       template covers gets a stop filter so that the kernel stops asking.</li>
 *   <li>Routes from templates expire when idle for {@link EngineOptions#expiryInterval()}.</li>
 *   <li>Rules naming an absent interface wait on the pending list and activate when it appears;
 *       when it disappears they wait again.</li>
 *   <li>{@link #apply(DesiredState)} changes only what differs: unchanged routes are not touched.</li>
 * </ul>
 *
 * <p>One lock guards all state, and calls take effect in order with the kernel's events; every
 * public method may be called from any thread. Work runs on the thread that brings it whenever
 * nothing is queued before it, and otherwise queues on the engine's own thread:
 * <ul>
 *   <li>A call runs on the caller's thread when no event is waiting (the common case, and no
 *       thread hand-off: a route added through a UNIX socket costs a fraction as much), and
 *       otherwise queues behind the waiting events and waits for its result.</li>
 *   <li>An upcall is handled on the router's thread that read it when no event is waiting and the
 *       lock is free at that moment, so that the first packet of a new flow waits for no second
 *       thread to wake up; otherwise it queues. The router's thread never waits for the lock: a
 *       caller holding it may need that thread (e.g. to look up an interface).</li>
 *   <li>Interface events, which may reconcile every rule, and expiry sweeps always run on the
 *       engine's thread, so that the router's thread goes on reading upcalls meanwhile.</li>
 * </ul>
 * Listeners run under the lock, on any of these threads; they may call the engine. The engine
 * does not close the router it was given.
 */
public final class Engine implements AutoCloseable {

    private final ScheduledExecutorService loop;
    /** Set when the executor makes its thread, which it does only when first given a task. */
    private volatile Thread loopThread;
    private final Notifier notifier = new Notifier();
    private final Reconciler state;
    private final Subscription upcalls;
    private final Subscription interfaceEvents;
    /** Guards {@link #state}: held by whichever thread runs engine work. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Events posted to the loop and not yet handled: while there are any, calls queue behind them. */
    private final AtomicInteger waitingEvents = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Starts an engine with an empty desired state.
     *
     * @param router  the router to program
     * @param options expiry and limits
     */
    public Engine(MulticastRouter router, EngineOptions options) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(options, "options");
        loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "mcroute-engine");
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        state = new Reconciler(router, options, notifier);
        // subscribe first: an interface that appears while we list them is handled after the listing
        upcalls = router.onUpcall(upcall -> handleOrPost(() -> state.onUpcall(upcall)));
        interfaceEvents = router.onInterfaceEvent(event -> post(() -> state.onInterfaceEvent(event)));
        call(() -> {
            state.loadInterfaces();
            return null;
        });
        long every = options.expiryInterval().toMillis();
        if (every > 0) {
            loop.scheduleWithFixedDelay(this::scheduledSweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes the kernel match a new desired state (initial load or reload): routes and joins that
     * did not change are left alone, changed routes are updated in place, the rest is removed.
     * Routes installed from templates stay when a template still covers them.
     *
     * @param desired the complete new state
     * @return what changed, and what could not be done
     */
    public ApplyResult apply(DesiredState desired) {
        Objects.requireNonNull(desired, "desired");
        return call(() -> {
            ApplyResult result = state.apply(desired);
            notifier.applied(result);
            return result;
        });
    }

    /**
     * Adds a route rule to the desired state, replacing a rule for the same inbound interface,
     * source and group.
     *
     * @param rule the rule
     * @return what changed
     */
    public ApplyResult addRoute(RouteRule rule) {
        Objects.requireNonNull(rule, "rule");
        return call(() -> state.addRoute(rule));
    }

    /**
     * Removes the route rule for an inbound interface, source and group (its outbound interfaces
     * are ignored).
     *
     * @param selector a rule naming the inbound interface, source and group
     * @return what changed
     * @throws IllegalArgumentException if no such rule exists
     */
    public ApplyResult removeRoute(RouteRule selector) {
        Objects.requireNonNull(selector, "selector");
        return call(() -> state.removeRoute(selector));
    }

    /**
     * Adds a join rule to the desired state.
     *
     * @param rule the rule
     * @return what changed
     */
    public ApplyResult join(JoinRule rule) {
        Objects.requireNonNull(rule, "rule");
        return call(() -> {
            DesiredState now = state.desired();
            List<JoinRule> joins = new java.util.ArrayList<>(now.joins());
            joins.remove(rule);
            joins.add(rule);
            return state.apply(new DesiredState(now.phyints(), now.routes(), joins));
        });
    }

    /**
     * Removes a join rule from the desired state.
     *
     * @param rule the rule, as it was added
     * @return what changed
     * @throws IllegalArgumentException if no such rule exists
     */
    public ApplyResult leave(JoinRule rule) {
        Objects.requireNonNull(rule, "rule");
        return call(() -> {
            DesiredState now = state.desired();
            List<JoinRule> joins = new java.util.ArrayList<>(now.joins());
            if (!joins.remove(rule)) {
                throw new IllegalArgumentException("no such membership: " + rule);
            }
            return state.apply(new DesiredState(now.phyints(), now.routes(), joins));
        });
    }

    /**
     * Removes every route installed from a template or as a stop filter for an unmatched sender.
     *
     * @return how many were removed
     */
    public int flush() {
        return call(state::flush);
    }

    /**
     * Runs one expiry sweep now (the engine also runs them every
     * {@link EngineOptions#expiryInterval()}): template routes whose packet counter did not move
     * since the previous sweep are removed.
     *
     * @return how many were removed
     */
    public int sweep() {
        return call(state::sweep);
    }

    /**
     * @param withCounters whether to read each route's counters from the kernel
     * @return the engine's state now
     */
    public EngineSnapshot snapshot(boolean withCounters) {
        return call(() -> state.snapshot(withCounters));
    }

    /**
     * Waits until the engine has handled every upcall and interface event that reached it before
     * this call.
     */
    public void awaitIdle() {
        if (Thread.currentThread() != loopThread && !lock.isHeldByCurrentThread()) {
            onLoop(() -> null);
        }
    }

    /**
     * @param listener called under the engine's lock for each event (see {@link EngineListener})
     * @return the registration; close it to stop
     */
    public Subscription addListener(EngineListener listener) {
        Objects.requireNonNull(listener, "listener");
        notifier.add(listener);
        return () -> notifier.remove(listener);
    }

    /** Stops the engine's thread; the kernel state stays as it is until the router is closed. */
    @Override
    public void close() {
        closed = true;
        upcalls.close();
        interfaceEvents.close();
        loop.shutdownNow();
    }

    /**
     * Runs an event's task here if nothing is queued before it and the lock is free, else posts
     * it. Events come from the router's one thread, in order, so nothing can be queued between the
     * check and the run.
     */
    private void handleOrPost(Runnable task) {
        if (waitingEvents.get() == 0 && lock.tryLock()) {
            try {
                if (!closed) {
                    task.run();
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        post(task);
    }

    private void post(Runnable task) {
        waitingEvents.incrementAndGet();
        try {
            loop.execute(() -> {
                try {
                    locked(task);
                } finally {
                    waitingEvents.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException closing) {
            // events that arrive while closing have nobody left to act on them
            waitingEvents.decrementAndGet();
        }
    }

    private <T> T call(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        // on the engine's thread or inside a listener the lock is ours already: queueing would wait on ourselves
        if (Thread.currentThread() == loopThread || lock.isHeldByCurrentThread()) {
            return inline(task);
        }
        lock.lock();
        try {
            if (waitingEvents.get() == 0) {
                return inline(task);
            }
        } finally {
            lock.unlock();
        }
        return onLoop(task);
    }

    /** An exception would cancel every later sweep, silently: it is reported and the next one runs. */
    private void scheduledSweep() {
        try {
            locked(state::sweep);
        } catch (RuntimeException e) {
            notifier.problem("expiry sweep failed: " + e);
        }
    }

    private void locked(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T inline(Callable<T> task) {
        lock.lock();
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the task on the engine's thread, after every event posted before, and waits for it. */
    private <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(() -> inline(task)).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        } catch (CancellationException | RejectedExecutionException e) {
            throw new IllegalStateException("the engine is closed", e);
        }
    }
}
