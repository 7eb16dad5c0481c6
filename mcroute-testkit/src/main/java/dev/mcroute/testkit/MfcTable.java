package dev.mcroute.testkit;

import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.NetInterface;
import dev.mcroute.api.RouteCounters;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifCounters;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One family's half of a kernel multicast routing table: {@value Vif#MAX_VIFS} VIF slots and the
 * forwarding cache, with Linux's errors and counters. Not thread-safe: the {@link MockKernel}
 * calls it under its lock.
 */
final class MfcTable {
    private final Family family;
    private final int table;
    private final MrtCalls calls;
    private final VifSlot[] slots = new VifSlot[Vif.MAX_VIFS];
    private final Map<SourceGroup, Route> routes = new LinkedHashMap<>();

    MfcTable(Family family, int table) {
        this.family = family;
        this.table = table;
        this.calls = MrtCalls.of(family);
    }

    /**
     * Adds a VIF in the lowest free slot, as a provider does by trying that index with
     * {@code MRT_ADD_VIF}.
     *
     * @param spec  the VIF wanted
     * @param iface its interface, or {@code null} for a register VIF, which the kernel creates itself
     */
    Vif addVif(VifSpec spec, NetInterface iface) {
        String subject = spec.interfaceName() + " on table " + table;
        boolean register = spec.flags().contains(VifFlag.REGISTER);
        for (VifSlot slot : slots) {
            if (slot == null) {
                continue;
            }
            if (register && slot.isRegister()) {
                // Linux keeps one register VIF per table (mroute_reg_vif_num)
                throw Errno.EADDRINUSE.exception(calls.addVif, subject,
                        "table already has register " + calls.vifWord + " " + slot.vif.index());
            }
            if (!register && !slot.isRegister() && slot.vif.interfaceName().equals(spec.interfaceName())) {
                throw Errno.EADDRINUSE.exception(calls.addVif, subject, spec.interfaceName() + " already has "
                        + family + " " + calls.vifWord + " " + slot.vif.index());
            }
        }
        for (int index = 0; index < slots.length; index++) {
            if (slots[index] == null) {
                Vif vif = Vif.of(spec, index, iface == null ? 0 : iface.index());
                slots[index] = new VifSlot(vif);
                return vif;
            }
        }
        // the next index to try is MAXVIFS, which the kernel rejects with ENFILE
        throw Errno.ENFILE.exception(calls.addVif, subject, "all " + Vif.MAX_VIFS + " " + family + " "
                + calls.vifWord + "s of the table are in use");
    }

    /** Deletes the VIF in the slot of {@code vif}, whatever it is bound to now, as Linux deletes by index. */
    void removeVif(Vif vif) {
        if (slots[vif.index()] == null) {
            throw Errno.EADDRNOTAVAIL.exception(calls.delVif, calls.vifWord + " " + vif.index() + " on table " + table,
                    "no " + family + " " + calls.vifWord + " " + vif.index() + " is installed");
        }
        slots[vif.index()] = null;
    }

    /** Deletes the VIFs bound to an interface that disappeared, as Linux does on NETDEV_UNREGISTER. */
    void removeVifsOn(String interfaceName) {
        for (int index = 0; index < slots.length; index++) {
            if (slots[index] != null && !slots[index].isRegister()
                    && slots[index].vif.interfaceName().equals(interfaceName)) {
                slots[index] = null;
            }
        }
    }

    List<Vif> vifs() {
        List<Vif> installed = new ArrayList<>();
        for (VifSlot slot : slots) {
            if (slot != null) {
                installed.add(slot.vif);
            }
        }
        return installed;
    }

    /**
     * Installs or replaces a route. Unlike Linux, which accepts a route naming VIFs that do not exist
     * and then never forwards through them, the mock refuses it with EINVAL so the mistake shows in
     * a test instead of as traffic that silently does not flow.
     */
    void addRoute(MfcEntry entry) {
        String subject = entry.key() + " on table " + table;
        if (slots[entry.inputVif()] == null) {
            throw Errno.EINVAL.exception(calls.addMfc, subject,
                    "input " + calls.vifWord + " " + entry.inputVif() + " is not installed");
        }
        for (MfcEntry.Output output : entry.outputs()) {
            if (slots[output.vif()] == null) {
                throw Errno.EINVAL.exception(calls.addMfc, subject,
                        "output " + calls.vifWord + " " + output.vif() + " is not installed");
            }
        }
        Route existing = routes.get(entry.key());
        if (existing != null) {
            existing.entry = entry; // replaced in place: the counters keep counting, as in Linux
        } else {
            routes.put(entry.key(), new Route(entry));
        }
    }

    boolean removeRoute(SourceGroup key) {
        return routes.remove(key) != null;
    }

    List<MfcEntry> routes() {
        List<MfcEntry> installed = new ArrayList<>(routes.size());
        routes.values().forEach(route -> installed.add(route.entry));
        return installed;
    }

    RouteCounters counters(SourceGroup key) {
        Route route = routes.get(key);
        if (route == null) {
            throw Errno.EADDRNOTAVAIL.exception(calls.routeCounters, key + " on table " + table, "no such route");
        }
        return new RouteCounters(route.packets, route.bytes, route.wrongInterface);
    }

    VifCounters counters(Vif vif) {
        VifSlot slot = slots[vif.index()];
        if (slot == null) {
            throw Errno.EADDRNOTAVAIL.exception(calls.vifCounters, calls.vifWord + " " + vif.index() + " on table " + table,
                    "no " + family + " " + calls.vifWord + " " + vif.index() + " is installed");
        }
        return new VifCounters(slot.packetsIn, slot.bytesIn, slot.packetsOut, slot.bytesOut);
    }

    /**
     * Forwards one packet the way Linux's {@code ip_mr_input}/{@code ip_mr_forward} do.
     *
     * @param arrival the interface it arrived on, which is up
     * @param key     its source and group
     * @param ttl     its TTL (hop limit)
     * @param size    its length in bytes, as counted by the kernel
     * @param isUp    whether an interface is up; the kernel cannot send through one that is down
     */
    Forwarding forward(String arrival, SourceGroup key, int ttl, int size, Predicate<String> isUp) {
        int arrivalVif = physicalVifOn(arrival);
        Route route = routes.get(key);
        if (route == null) {
            if (arrivalVif < 0) {
                return Forwarding.notRouted(); // Linux drops it without asking: no VIF, no upcall
            }
            return new Forwarding(Forwarding.Fate.NO_ROUTE, List.of(),
                    List.of(new Upcall(Upcall.Type.NOCACHE, arrivalVif, key)));
        }
        // Linux counts every packet of the (S,G), also those on the wrong interface (FreeBSD does not)
        route.packets++;
        route.bytes += size;
        MfcEntry entry = route.entry;
        if (entry.inputVif() != arrivalVif) {
            route.wrongInterface++;
            List<Upcall> upcalls = arrivalVif < 0 ? List.of()
                    : List.of(new Upcall(Upcall.Type.WRONGVIF, arrivalVif, key));
            return new Forwarding(Forwarding.Fate.WRONG_INTERFACE, List.of(), upcalls);
        }
        VifSlot input = slots[arrivalVif];
        input.packetsIn++;
        input.bytesIn += size;
        List<String> outputs = new ArrayList<>();
        List<Upcall> upcalls = new ArrayList<>();
        for (MfcEntry.Output output : entry.outputs()) {
            VifSlot slot = slots[output.vif()];
            // the route's threshold decides (ip_mr_forward: ttl > ttls[vif]); the VIF's own
            // threshold is only reported by Linux, so it matters only as copied into the route
            if (slot == null || ttl <= output.ttlThreshold()) {
                continue;
            }
            if (slot.isRegister()) {
                slot.countOut(size);
                upcalls.add(new Upcall(Upcall.Type.WHOLEPKT, output.vif(), key));
            } else if (isUp.test(slot.vif.interfaceName())) {
                slot.countOut(size);
                outputs.add(slot.vif.interfaceName());
            }
        }
        return new Forwarding(Forwarding.Fate.ROUTED, outputs, upcalls);
    }

    private int physicalVifOn(String interfaceName) {
        for (int index = 0; index < slots.length; index++) {
            VifSlot slot = slots[index];
            if (slot != null && !slot.isRegister() && slot.vif.interfaceName().equals(interfaceName)) {
                return index;
            }
        }
        return -1;
    }

    /** An installed VIF and its counters. */
    private static final class VifSlot {
        final Vif vif;
        long packetsIn;
        long bytesIn;
        long packetsOut;
        long bytesOut;

        VifSlot(Vif vif) {
            this.vif = vif;
        }

        boolean isRegister() {
            return vif.flags().contains(VifFlag.REGISTER);
        }

        void countOut(int size) {
            packetsOut++;
            bytesOut += size;
        }
    }

    /** An installed route and its counters, which survive replacement of the entry. */
    private static final class Route {
        MfcEntry entry;
        long packets;
        long bytes;
        long wrongInterface;

        Route(MfcEntry entry) {
            this.entry = entry;
        }
    }
}
