package dev.mcroute.daemon.control;

import dev.mcroute.daemon.config.ConfigResult;
import dev.mcroute.daemon.show.ShowSnapshot;

/**
 * The routing engine as the daemon sees it: the adapter over dev.mcroute.engine implements this.
 * Calls arrive on the daemon's event-loop thread and, for IPC commands, on the IPC thread:
 * implementations are thread-safe (the engine serialises every call under its lock).
 */
public interface RouterBackend extends AutoCloseable {

    /**
     * Makes the router match a configuration: at start and on every reload, seamlessly (unchanged
     * routes and joins are not touched).
     *
     * @param config the parsed configuration (its own problems are already logged)
     * @return what could not be applied, one message each, for the log
     * @throws ControlException if the configuration cannot be applied at all
     */
    java.util.List<String> apply(ConfigResult config) throws ControlException;

    /**
     * @param route route to add
     * @throws ControlException with the text for the client
     */
    void add(RouteSpec route) throws ControlException;

    /**
     * @param route route to remove
     * @throws ControlException with the text for the client
     */
    void remove(RouteSpec route) throws ControlException;

    /**
     * @param membership group to join
     * @throws ControlException with the text for the client
     */
    void join(RouteSpec membership) throws ControlException;

    /**
     * @param membership group to leave
     * @throws ControlException with the text for the client
     */
    void leave(RouteSpec membership) throws ControlException;

    /**
     * Removes dynamically installed (*,G)-derived routes.
     *
     * @throws ControlException with the text for the client
     */
    void flush() throws ControlException;

    /**
     * @param withCounters whether to read the kernel's packet and byte counters
     * @return the state to show
     */
    ShowSnapshot snapshot(boolean withCounters);

    /** Releases the kernel table: every route and VIF goes away. */
    @Override
    void close();

    /** Opens the backend for a daemon. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param settings  what the daemon's flags ask of the router
         * @param installed called (on the router's thread) after a (*,G) match installed a route
         * @param log       where the router reports pending rules, activations and problems
         * @return the open backend
         * @throws java.io.IOException if the kernel table cannot be taken (e.g. another router owns it)
         */
        RouterBackend open(Settings settings, InstallListener installed, dev.mcroute.daemon.os.Log log)
                throws java.io.IOException;
    }

    /**
     * The flags that concern the router.
     *
     * @param table          Linux multicast routing table ({@code -t})
     * @param cacheTimeout   seconds before idle (*,G)-derived routes are removed ({@code -c}), 0 = never
     * @param mrdiscInterval seconds between router advertisements ({@code -m})
     */
    record Settings(int table, int cacheTimeout, int mrdiscInterval) {
    }

    /** Told about routes installed from (*,G) templates, for the {@code -e} script. */
    @FunctionalInterface
    interface InstallListener {
        /**
         * @param source the source address text
         * @param group  the group address text
         */
        void installed(String source, String group);
    }
}
