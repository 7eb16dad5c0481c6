package dev.mcroute.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Hands engine events to the listeners; one failing listener neither stops the others nor the engine. */
final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    void add(EngineListener listener) {
        listeners.add(listener);
    }

    void remove(EngineListener listener) {
        listeners.remove(listener);
    }

    void routeInstalled(InstalledRoute route, RouteRule template) {
        each(l -> l.routeInstalled(route, template));
    }

    void pending(PendingItem item) {
        each(l -> l.pending(item));
    }

    void activated(PendingItem item) {
        each(l -> l.activated(item));
    }

    void applied(ApplyResult result) {
        each(l -> l.applied(result));
    }

    void problem(String message) {
        each(l -> l.problem(message));
    }

    private void each(Consumer<EngineListener> call) {
        for (EngineListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "engine listener " + listener + " failed", e);
            }
        }
    }
}
