package dev.mcroute.daemon.show;

import java.util.List;

/**
 * Everything {@code show} can print, taken at one moment on the router's event loop.
 *
 * @param templates    (*,G) template rules
 * @param rules        (S,G) rules
 * @param kernel       the kernel's MFC, with counters
 * @param interfaces   interfaces with their VIF/MIF
 * @param groups       configured group memberships
 * @param kernelGroups memberships the kernel reports
 * @param pending      rules waiting for interfaces
 */
public record ShowSnapshot(List<RouteRow> templates, List<RouteRow> rules, List<RouteRow> kernel,
        List<InterfaceRow> interfaces, List<GroupRow> groups, List<GroupRow> kernelGroups, List<PendingRow> pending) {
    /** An empty router. */
    public static final ShowSnapshot EMPTY = new ShowSnapshot(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    /** Makes the lists immutable. */
    public ShowSnapshot {
        templates = List.copyOf(templates);
        rules = List.copyOf(rules);
        kernel = List.copyOf(kernel);
        interfaces = List.copyOf(interfaces);
        groups = List.copyOf(groups);
        kernelGroups = List.copyOf(kernelGroups);
        pending = List.copyOf(pending);
    }
}
