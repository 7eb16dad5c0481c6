package dev.mcroute.daemon.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.IpPrefix;
import dev.mcroute.daemon.Golden;
import dev.mcroute.daemon.Snapshots;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShowTextTest {

    /** The C daemon's reply without its final NUL. */
    private static String golden(String name) {
        byte[] bytes = Golden.bytes(name);
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void routesMatchTheCDaemonByteForByte() {
        assertEquals(golden("daemon-show-routes.bin"), ShowText.format(ShowKind.ROUTES, false, Snapshots.c1()));
    }

    @Test
    void detailedRoutesMatchTheCDaemon() {
        assertEquals(golden("daemon-show-routes-detailed.bin"), ShowText.format(ShowKind.ROUTES, true, Snapshots.c1()));
    }

    @Test
    void iifColumnWidensWithTheLongestInterfaceName() {
        assertEquals(golden("daemon-show-routes-long.bin"), ShowText.format(ShowKind.ROUTES, false, Snapshots.c1Long()));
        assertEquals(golden("daemon-show-interfaces-long.bin"),
                ShowText.format(ShowKind.INTERFACES, false, Snapshots.c1Long()));
    }

    @Test
    void groupsAndInterfacesMatchTheCDaemon() {
        assertEquals(golden("daemon-show-groups.bin"), ShowText.format(ShowKind.GROUPS, false, Snapshots.c1()));
        assertEquals(golden("daemon-show-groups-detailed.bin"), ShowText.format(ShowKind.GROUPS, true, Snapshots.c1()));
        assertEquals(golden("daemon-show-interfaces.bin"), ShowText.format(ShowKind.INTERFACES, false, Snapshots.c1()));
    }

    @Test
    void emptyStateShowsNothingLikeTheCDaemon() {
        for (ShowKind kind : List.of(ShowKind.ROUTES, ShowKind.GROUPS, ShowKind.INTERFACES)) {
            assertEquals("", ShowText.format(kind, true, ShowSnapshot.EMPTY));
        }
    }

    @Test
    void pendingListsKindFromIifSourceGroupAndOifs() {
        assertEquals("PENDING ROUTES AND GROUPS\n"
                + "mroute  from eth9 group 225.1.2.3 to eth1 eth2\n"
                + "mgroup  from wg+ source 10.0.0.1 group 232.1.1.1\n",
                ShowText.format(ShowKind.PENDING, false, Snapshots.c1()));
        assertEquals("No pending routes or groups\n", ShowText.format(ShowKind.PENDING, false, ShowSnapshot.EMPTY));
    }

    @Test
    void detailedRowsCarryCounters() {
        RouteRow row = new RouteRow(Optional.of(IpPrefix.parse("10.0.0.1")), IpPrefix.parse("225.1.2.3"), "eth0",
                List.of("eth1"), 1234, 5678901);
        ShowSnapshot snapshot = new ShowSnapshot(List.of(), List.of(), List.of(row), List.of(), List.of(), List.of(),
                List.of());
        assertEquals("Kernel MFC Table_\n"
                + "ROUTE (S,G)                                IIF     PACKETS      BYTES  OIFS=\n"
                + "(10.0.0.1, 225.1.2.3)                      eth0       1234    5678901  eth1\n",
                ShowText.format(ShowKind.ROUTES, true, snapshot));
    }

    @Test
    void showWordPicksKindByFirstLetter() {
        assertEquals(ShowKind.GROUPS, ShowKind.of(List.of("g")));
        assertEquals(ShowKind.INTERFACES, ShowKind.of(List.of("int")));
        assertEquals(ShowKind.PENDING, ShowKind.of(List.of("pending")));
        assertEquals(ShowKind.ROUTES, ShowKind.of(List.of("whatever")));
        assertEquals(ShowKind.ROUTES, ShowKind.of(List.of()));
    }
}
