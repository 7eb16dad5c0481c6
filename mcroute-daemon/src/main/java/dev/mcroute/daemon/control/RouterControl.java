package dev.mcroute.daemon.control;

import dev.mcroute.daemon.show.ShowSnapshot;

/**
 * What the IPC commands ask of the router. The daemon holds no routing logic: an adapter over
 * the engine implements this. Reload is called on the daemon's event-loop thread, the others on
 * the IPC thread, so they must be safe beside a reload in progress.
 */
public interface RouterControl {

    /**
     * @param route the route to add (IPC {@code a})
     * @throws ControlException with the text for the client
     */
    void add(RouteSpec route) throws ControlException;

    /**
     * @param route the route to remove (IPC {@code r}); its outbound interfaces are empty
     * @throws ControlException with the text for the client
     */
    void remove(RouteSpec route) throws ControlException;

    /**
     * @param membership the group to join (IPC {@code j}); no outbound interfaces
     * @throws ControlException with the text for the client
     */
    void join(RouteSpec membership) throws ControlException;

    /**
     * @param membership the group to leave (IPC {@code l}); no outbound interfaces
     * @throws ControlException with the text for the client
     */
    void leave(RouteSpec membership) throws ControlException;

    /**
     * Removes dynamically installed (*,G)-derived routes (IPC {@code F}).
     *
     * @throws ControlException with the text for the client
     */
    void flush() throws ControlException;

    /**
     * Re-reads the configuration and applies it seamlessly (IPC {@code H}, SIGHUP).
     *
     * @throws ControlException with the text for the client
     */
    void reload() throws ControlException;

    /** Asks the daemon to exit once the reply is sent (IPC {@code k}). */
    void kill();

    /**
     * @param withCounters whether to read the kernel's packet and byte counters (detailed show)
     * @return the state to show, taken now
     */
    ShowSnapshot snapshot(boolean withCounters);
}
