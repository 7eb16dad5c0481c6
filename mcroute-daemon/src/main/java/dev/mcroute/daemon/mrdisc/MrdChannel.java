package dev.mcroute.daemon.mrdisc;

import java.io.IOException;

/**
 * One address family's Multicast Router Discovery socket as the announcer drives it: IGMP for
 * IPv4, ICMPv6 for IPv6. Used by one thread.
 */
interface MrdChannel extends AutoCloseable {

    /** "IPv4" or "IPv6", for messages. */
    String family();

    /** The socket, to poll for solicitations. */
    int fd();

    /** The index of interface {@code name} in the socket's namespace, or 0 if there is none. */
    int indexOf(String name);

    /** Joins (or leaves) All-Routers on the interface, where solicitations are sent. */
    void allRouters(int ifindex, boolean join) throws IOException;

    /** Sends an advertisement with Advertisement Interval {@code intervalSeconds} to All-Snoopers. */
    void advertise(int ifindex, int intervalSeconds) throws IOException;

    /** Sends a termination to All-Snoopers. */
    void terminate(int ifindex) throws IOException;

    /**
     * Reads one waiting packet without blocking: the ingress interface index if it is a
     * solicitation to All-Routers, 0 for any other packet, -1 when nothing is waiting.
     */
    int receiveSolicitation() throws IOException;

    @Override
    void close();
}
