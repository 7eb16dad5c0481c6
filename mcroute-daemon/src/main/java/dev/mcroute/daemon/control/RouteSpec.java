package dev.mcroute.daemon.control;

import dev.mcroute.api.IpPrefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route as named on the command line or in an {@code mroute} line.
 *
 * @param iif    inbound interface or wildcard
 * @param source the source (prefix), empty for a (*,G) rule
 * @param group  the group (prefix)
 * @param oifs   outbound interfaces; empty for a stop filter or a removal
 */
public record RouteSpec(String iif, Optional<IpPrefix> source, IpPrefix group, List<String> oifs) {
    /** The kernel's VIF table size: more outbound interfaces can never be installed. */
    public static final int MAX_OIFS = 32;

    /** Makes the list immutable. */
    public RouteSpec {
        oifs = List.copyOf(oifs);
    }

    /**
     * Parses {@code IIF [SRC[/LEN]] GROUP[/LEN] [OIF...]}.
     *
     * @param args     the words
     * @param withOifs whether outbound interfaces may follow (add) or not (remove)
     * @return the route
     * @throws IllegalArgumentException naming the bad word
     */
    public static RouteSpec parse(List<String> args, boolean withOifs) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("Not enough arguments: IIF [SOURCE[/LEN]] GROUP[/LEN]"
                    + (withOifs ? " [OIF ...]" : ""));
        }
        String iif = Syntax.interfaceName(args.get(0));
        int next;
        IpPrefix group;
        Optional<IpPrefix> source;
        if (looksLikeGroup(args.get(1))) {
            group = Syntax.group(args.get(1));
            source = Optional.empty();
            next = 2;
        } else {
            if (args.size() < 3) {
                throw new IllegalArgumentException("missing group after source " + Syntax.printable(args.get(1)));
            }
            group = Syntax.group(args.get(2));
            source = Syntax.source(args.get(1), group);
            next = 3;
        }
        List<String> oifs = new ArrayList<>();
        for (String word : args.subList(next, args.size())) {
            if (!withOifs) {
                throw new IllegalArgumentException("too many arguments: '" + Syntax.printable(word) + "'");
            }
            oifs.add(Syntax.interfaceName(word));
        }
        if (oifs.size() > MAX_OIFS) {
            throw new IllegalArgumentException("too many outbound interfaces: " + oifs.size() + ", at most " + MAX_OIFS);
        }
        return new RouteSpec(iif, source, group, oifs);
    }

    /**
     * Parses {@code IIF [SRC[/LEN]] GROUP[/LEN]} for join and leave.
     *
     * @param args the words
     * @return the membership as a route without outbound interfaces
     * @throws IllegalArgumentException naming the bad word
     */
    public static RouteSpec parseMembership(List<String> args) {
        return parse(args, false);
    }

    private static boolean looksLikeGroup(String word) {
        try {
            return Syntax.prefix("group", word).address().isMulticastAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
