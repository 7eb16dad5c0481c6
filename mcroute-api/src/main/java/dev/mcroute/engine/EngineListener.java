package dev.mcroute.engine;

/**
 * Observer of what the engine does. Methods run under the engine's lock (on its thread, or on the
 * thread of the call that caused the event), must return quickly and must not wait for another
 * thread that calls the engine; they may call the engine themselves. Every method has an empty
 * default.
 */
public interface EngineListener {

    /**
     * A (*,G) template matched a sender the kernel reported and its (S,G) was installed.
     *
     * @param route    the installed route
     * @param template the rule that matched
     */
    default void routeInstalled(InstalledRoute route, RouteRule template) {
    }

    /**
     * A rule started waiting for an interface.
     *
     * @param item the rule and what it waits for
     */
    default void pending(PendingItem item) {
    }

    /**
     * A rule that waited for an interface stopped waiting.
     *
     * @param item the rule and what it waited for
     */
    default void activated(PendingItem item) {
    }

    /**
     * A new desired state was applied ({@link Engine#apply(DesiredState)}).
     *
     * @param result what changed
     */
    default void applied(ApplyResult result) {
    }

    /**
     * A kernel call failed outside any request, e.g. while handling an upcall or interface event.
     *
     * @param message what failed
     */
    default void problem(String message) {
    }
}
