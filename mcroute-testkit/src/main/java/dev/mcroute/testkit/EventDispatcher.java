package dev.mcroute.testkit;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Delivers the mock kernel's events to listeners synchronously, one at a time, in the order the
 * kernel raised them.
 *
 * <p>The kernel {@linkplain #post posts} deliveries while it holds its state lock, which fixes
 * their order, and calls {@link #deliverPending()} after releasing it, so a listener may call back
 * into the kernel or a router. When {@code deliverPending} returns, every delivery posted before
 * the call has run, except on a thread that is itself inside a listener: there the outer delivery
 * loop runs them as soon as that listener returns.
 */
final class EventDispatcher {
    private final Queue<Delivery<?>> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock delivering = new ReentrantLock();

    /**
     * @param listeners the live list of listeners: those registered when the event is delivered get it
     * @param event     the event
     */
    <T> void post(List<Consumer<T>> listeners, T event) {
        pending.add(new Delivery<>(listeners, event));
    }

    /**
     * Runs the posted deliveries. A listener's exception does not stop the others; the first one is
     * rethrown afterwards (with later ones suppressed) so that a failing listener fails the test.
     */
    void deliverPending() {
        if (delivering.isHeldByCurrentThread()) {
            return;
        }
        delivering.lock();
        try {
            Throwable failure = null;
            for (Delivery<?> delivery = pending.poll(); delivery != null; delivery = pending.poll()) {
                failure = delivery.run(failure);
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        } finally {
            delivering.unlock();
        }
    }

    /** One event for the listeners of one router. */
    private record Delivery<T>(List<Consumer<T>> listeners, T event) {

        /** Calls every listener, adding what they throw to the failure so far, and returns it. */
        Throwable run(Throwable failure) {
            for (Consumer<T> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException | Error e) { // Error too: assertions in listeners throw AssertionError
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            return failure;
        }
    }
}
