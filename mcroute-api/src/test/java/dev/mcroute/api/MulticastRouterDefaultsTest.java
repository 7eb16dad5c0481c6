package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.spi.FakeRouter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The look-ups {@link MulticastRouter} implements on top of {@code vifs()} and {@code interfaces()}. */
class MulticastRouterDefaultsTest {
    private static final Vif ETH0_V4 = new Vif(Family.IPV4, 0, "eth0", 2, 1, Set.of());
    private static final Vif ETH1_V4 = new Vif(Family.IPV4, 1, "eth1", 3, 1, Set.of());
    private static final Vif ETH0_V6 = new Vif(Family.IPV6, 0, "eth0", 2, 1, Set.of());
    private static final NetInterface ETH0 = new NetInterface("eth0", 2, Set.of(), List.of());
    private static final NetInterface ETH1 = new NetInterface("eth1", 3, Set.of(), List.of());

    private final MulticastRouter router = new FakeRouter("test", RouterOptions.defaults(),
            List.of(ETH0_V4, ETH1_V4, ETH0_V6), List.of(ETH0, ETH1));

    @Test
    void vifFindsTheVifOfTheFamilyOnTheInterface() {
        assertEquals(Optional.of(ETH0_V4), router.vif(Family.IPV4, "eth0"));
        assertEquals(Optional.of(ETH0_V6), router.vif(Family.IPV6, "eth0"));
        assertEquals(Optional.of(ETH1_V4), router.vif(Family.IPV4, "eth1"));
        assertEquals(Optional.empty(), router.vif(Family.IPV6, "eth1"));
        assertEquals(Optional.empty(), router.vif(Family.IPV4, "eth2"));
    }

    @Test
    void findInterfaceFindsByName() {
        assertEquals(Optional.of(ETH1), router.findInterface("eth1"));
        assertEquals(Optional.of(ETH0), router.findInterface("eth0"));
        assertEquals(Optional.empty(), router.findInterface("eth2"));
    }
}
