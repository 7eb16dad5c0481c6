package dev.mcroute.daemon.show;

import java.util.OptionalInt;

/**
 * One line of {@code show interfaces}.
 *
 * @param index the kernel's ifindex
 * @param name  the interface name
 * @param vif   its IPv4 VIF, if one is allocated
 * @param mif   its IPv6 MIF, if one is allocated
 */
public record InterfaceRow(int index, String name, OptionalInt vif, OptionalInt mif) {
}
