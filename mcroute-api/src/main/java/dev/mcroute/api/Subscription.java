package dev.mcroute.api;

/** A registered listener; closing it stops further calls. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Stops delivering to the listener. */
    @Override
    void close();
}
