package dev.mcroute.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A network interface as the kernel reports it.
 *
 * @param name      its name, e.g. {@code eth0}
 * @param index     the kernel's interface index (ifindex), 1 or more
 * @param flags     its multicast-relevant flags
 * @param addresses its IPv4 and IPv6 addresses
 */
public record NetInterface(String name, int index, Set<InterfaceFlag> flags, List<InterfaceAddress> addresses) {

    /**
     * Validates the components.
     *
     * @param name      its name
     * @param index     its index
     * @param flags     its flags
     * @param addresses its addresses
     * @throws IllegalArgumentException for a bad name or index
     */
    public NetInterface {
        Checks.interfaceName(name);
        if (index < 1) {
            throw new IllegalArgumentException("interface index " + index + " of " + name + " is not positive");
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
    }

    /**
     * @param flag a flag
     * @return whether the interface has it
     */
    public boolean has(InterfaceFlag flag) {
        return flags.contains(flag);
    }

    /**
     * @param family a family
     * @return the first address of that family, if any (FreeBSD binds IPv4 VIFs by it)
     */
    public Optional<InterfaceAddress> firstAddress(Family family) {
        return addresses.stream().filter(a -> a.family() == family).findFirst();
    }
}
