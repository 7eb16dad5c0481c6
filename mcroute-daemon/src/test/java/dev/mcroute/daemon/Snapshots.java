package dev.mcroute.daemon;

import dev.mcroute.api.IpPrefix;
import dev.mcroute.daemon.show.GroupRow;
import dev.mcroute.daemon.show.InterfaceRow;
import dev.mcroute.daemon.show.PendingRow;
import dev.mcroute.daemon.show.RouteRow;
import dev.mcroute.daemon.show.ShowSnapshot;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The state of the C daemon running golden/c1.conf, as a snapshot. */
public final class Snapshots {
    private Snapshots() {
    }

    /** @return the snapshot matching golden/daemon-show-*.bin */
    public static ShowSnapshot c1() {
        List<RouteRow> kernel = List.of(sg("10.0.0.2", "225.1.2.3", "a0", "a1", "b0"), sg("fc00::2", "ff05::1", "a0", "b0"),
                sg("10.0.0.5", "225.1.2.4", "a0"));
        List<GroupRow> groups = List.of(new GroupRow(Optional.empty(), IpPrefix.parse("225.1.2.3"), "a0"),
                new GroupRow(Optional.of(IpPrefix.parse("10.0.0.2")), IpPrefix.parse("232.1.1.1"), "a0"));
        return new ShowSnapshot(
                List.of(star("225.3.0.0/24", "a0", "b0"), star("225.9.9.9", "a0", "b0"), star("ff05::2", "a0", "b0")),
                List.of(sg("10.0.0.2", "225.1.2.3", "a0", "a1", "b0"), sg("10.0.0.5", "225.1.2.4", "a0"),
                        sg("fc00::2", "ff05::1", "a0", "b0")),
                kernel,
                List.of(iface(1, "lo", -1), iface(2, "a1", 0), iface(3, "a0", 1), iface(4, "b1", 2), iface(5, "b0", 3)),
                groups, groups,
                List.of(new PendingRow("mroute", "eth9", Optional.empty(), IpPrefix.parse("225.1.2.3"), List.of("eth1", "eth2")),
                        new PendingRow("mgroup", "wg+", Optional.of(IpPrefix.parse("10.0.0.1")), IpPrefix.parse("232.1.1.1"),
                                List.of())));
    }

    /**
     * @return the state after adding verylongname0 and a route through it (golden/daemon-show-*-long.bin)
     */
    public static ShowSnapshot c1Long() {
        ShowSnapshot base = c1();
        RouteRow extra = sg("10.0.0.7", "225.1.1.7", "verylongname0", "b0", "verylongname0");
        List<RouteRow> rules = new java.util.ArrayList<>(base.rules());
        rules.add(extra);
        List<RouteRow> kernel = List.of(base.kernel().get(0), base.kernel().get(1), extra, base.kernel().get(2));
        List<InterfaceRow> interfaces = new java.util.ArrayList<>(base.interfaces());
        interfaces.add(iface(8, "x1", 4));
        interfaces.add(iface(9, "verylongname0", 5));
        return new ShowSnapshot(base.templates(), rules, kernel, interfaces, base.groups(), base.kernelGroups(),
                base.pending());
    }

    static RouteRow star(String group, String iif, String... oifs) {
        return new RouteRow(Optional.empty(), IpPrefix.parse(group), iif, List.of(oifs), 0, 0);
    }

    static RouteRow sg(String source, String group, String iif, String... oifs) {
        return new RouteRow(Optional.of(IpPrefix.parse(source)), IpPrefix.parse(group), iif, List.of(oifs), 0, 0);
    }

    static InterfaceRow iface(int index, String name, int slot) {
        OptionalInt s = slot < 0 ? OptionalInt.empty() : OptionalInt.of(slot);
        return new InterfaceRow(index, name, s, s);
    }
}
