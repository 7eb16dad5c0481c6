package dev.mcroute.freebsd;

import dev.mcroute.api.InterfaceAddress;

/** The routing socket messages about interfaces that the provider follows. */
sealed interface RoutingMessage {

    /** @return the kernel index of the interface the message is about */
    int index();

    /**
     * {@code RTM_IFINFO}: the interface's flags, e.g. after {@code ifconfig up}.
     *
     * @param index the interface index
     * @param flags its IFF_ flags
     */
    record InterfaceInfo(int index, int flags) implements RoutingMessage {
    }

    /**
     * {@code RTM_IFANNOUNCE}: an interface arrived or departed.
     *
     * @param index   the interface index
     * @param name    its name
     * @param arrival whether it arrived ({@code IFAN_ARRIVAL}) rather than departed
     */
    record InterfaceAnnounce(int index, String name, boolean arrival) implements RoutingMessage {
    }

    /**
     * {@code RTM_NEWADDR} or {@code RTM_DELADDR}: an address was added to or removed from an interface.
     *
     * @param index   the interface index
     * @param added   whether it was added rather than removed
     * @param address the address and its prefix length
     */
    record AddressChange(int index, boolean added, InterfaceAddress address) implements RoutingMessage {
    }
}
