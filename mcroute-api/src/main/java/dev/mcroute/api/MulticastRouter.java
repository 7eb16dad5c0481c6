package dev.mcroute.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Owner of one kernel multicast routing table, for IPv4 and IPv6: its VIFs, its routes (the
 * multicast forwarding cache), the kernel's upcalls about traffic it cannot route, the network
 * interfaces, and group memberships.
 *
 * <p>The kernel ties the table to this object: closing it (or the process ending) removes every
 * VIF and route it installed. Only one router may own a table at a time.
 *
 * <p>Implementations are thread-safe. Listeners run on a thread of the provider, one call at a
 * time and in the order the kernel reported; a listener must return quickly and must not call
 * {@link #close()}.
 *
 * @see MulticastRouters#open(RouterOptions)
 */
public interface MulticastRouter extends AutoCloseable {

    /** @return the name of the provider behind this router, e.g. {@code linux} */
    String providerName();

    /** @return the kernel table this router owns; 0 is the default table */
    int table();

    /** @return the families this router was opened for */
    Set<Family> families();

    /**
     * Adds a VIF in the lowest free slot of its family.
     *
     * @param spec the interface and threshold
     * @return the installed VIF
     * @throws MulticastRouterException if the interface is unknown, already has a VIF of that family,
     *                                  or all {@value Vif#MAX_VIFS} slots are taken
     */
    Vif addVif(VifSpec spec);

    /**
     * Removes a VIF. Routes that use it stop forwarding through it.
     *
     * @param vif the VIF, as returned by {@link #addVif(VifSpec)}
     * @throws MulticastRouterException if no such VIF exists
     */
    void removeVif(Vif vif);

    /** @return the installed VIFs, IPv4 first, each family by index */
    List<Vif> vifs();

    /**
     * @param family        the family
     * @param interfaceName an interface
     * @return the VIF of that family on that interface, if any
     */
    default Optional<Vif> vif(Family family, String interfaceName) {
        return vifs().stream()
                .filter(v -> v.family() == family && v.interfaceName().equals(interfaceName))
                .findFirst();
    }

    /**
     * Installs a route, or replaces the route with the same source and group in place (its
     * counters keep counting and no packet is lost).
     *
     * @param entry the route
     * @throws MulticastRouterException if the kernel refuses it, e.g. because a VIF does not exist
     */
    void addRoute(MfcEntry entry);

    /**
     * Removes a route.
     *
     * @param key source and group
     * @return whether such a route was installed
     * @throws MulticastRouterException if the kernel refuses
     */
    boolean removeRoute(SourceGroup key);

    /** @return the routes this router installed, IPv4 first */
    List<MfcEntry> routes();

    /**
     * @param key source and group of an installed route
     * @return its counters
     * @throws MulticastRouterException if no such route is installed
     */
    RouteCounters counters(SourceGroup key);

    /**
     * @param vif an installed VIF
     * @return its counters
     * @throws MulticastRouterException if no such VIF is installed
     */
    VifCounters counters(Vif vif);

    /**
     * Registers a listener for kernel upcalls of every family this router was opened for.
     *
     * @param listener called for each upcall
     * @return the registration; close it to stop
     */
    Subscription onUpcall(Consumer<Upcall> listener);

    /** @return the interfaces the kernel knows now, by index */
    List<NetInterface> interfaces();

    /**
     * @param name an interface name
     * @return that interface, if it exists now
     */
    default Optional<NetInterface> findInterface(String name) {
        return interfaces().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * Registers a listener for interfaces that appear, change or disappear.
     *
     * @param listener called for each change
     * @return the registration; close it to stop
     */
    Subscription onInterfaceEvent(Consumer<InterfaceEvent> listener);

    /** @return the group memberships of this router, which end when it is closed */
    GroupMembership groups();

    /** Gives up the table: every VIF, route and membership of this router is removed. Idempotent. */
    @Override
    void close();
}
