package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.Family;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifFlag;
import dev.mcroute.api.VifSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class VifTableTest {

    @Test
    void the33rdVifOfAFamilyFailsWithEnfileWhileTheOtherFamilyStillHasRoom(MockKernel kernel) {
        for (int i = 0; i < 40; i++) {
            kernel.addInterface("eth" + i);
        }
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            for (int i = 0; i < 32; i++) {
                Vif vif = router.addVif(VifSpec.of(Family.IPV4, "eth" + i));
                assertEquals(i, vif.index());
            }

            MulticastRouterException full = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV4, "eth32")));
            assertEquals("MRT_ADD_VIF", full.operation());
            assertEquals(23, full.errno());
            assertEquals(Optional.of("ENFILE"), full.errnoName());
            assertEquals("eth32 on table 0", full.subject());

            // MIFs are a table of their own
            for (int i = 0; i < 32; i++) {
                assertEquals(i, router.addVif(VifSpec.of(Family.IPV6, "eth" + (i + 8))).index());
            }
            MulticastRouterException fullV6 = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV6, "eth0")));
            assertEquals("MRT6_ADD_MIF", fullV6.operation());
            assertEquals(23, fullV6.errno());
            assertEquals(64, router.vifs().size());
        }
    }

    @Test
    void aFreedSlotIsTheNextOneUsed(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        kernel.addInterface("eth2");
        kernel.addInterface("eth3");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif second = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
            router.addVif(VifSpec.of(Family.IPV4, "eth2"));

            router.removeVif(second);
            Vif reused = router.addVif(VifSpec.of(Family.IPV4, "eth3").withTtlThreshold(4));

            assertEquals(new Vif(Family.IPV4, 1, "eth3", kernel.findInterface("eth3").orElseThrow().index(), 4, Set.of()), reused);
            assertEquals(List.of("eth0", "eth3", "eth2"), router.vifs().stream().map(Vif::interfaceName).toList());
        }
    }

    @Test
    void kernelErrorsNameTheCallTheObjectAndTheErrno(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults().withTable(7))) {
            Vif vif = router.addVif(VifSpec.of(Family.IPV4, "eth0"));

            MulticastRouterException duplicate = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV4, "eth0")));
            assertEquals(98, duplicate.errno());
            assertEquals("MRT_ADD_VIF eth0 on table 7: EADDRINUSE (Address already in use: eth0 already has IPV4 VIF 0)",
                    duplicate.getMessage());

            MulticastRouterException unknown = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV6, "wlan9")));
            assertEquals("MRT6_ADD_MIF", unknown.operation());
            assertEquals(19, unknown.errno());
            assertEquals(Optional.of("ENODEV"), unknown.errnoName());

            router.removeVif(vif);
            MulticastRouterException missing = assertThrows(MulticastRouterException.class, () -> router.removeVif(vif));
            assertEquals("MRT_DEL_VIF", missing.operation());
            assertEquals("VIF 0 on table 7", missing.subject());
            assertEquals(99, missing.errno());
            assertEquals(Optional.of("EADDRNOTAVAIL"), missing.errnoName());
        }
    }

    @Test
    void anInterfaceMayHaveOneVifPerFamily(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif v4 = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            Vif v6 = router.addVif(VifSpec.of(Family.IPV6, "eth0"));

            assertEquals(0, v4.index());
            assertEquals(0, v6.index());
            assertEquals(Optional.of(v6), router.vif(Family.IPV6, "eth0"));
        }
    }

    @Test
    void removingAnInterfaceDeletesItsVifsAsLinuxDoesOnUnregister(MockKernel kernel) {
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif gone = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
            router.addVif(VifSpec.of(Family.IPV6, "eth0"));
            Vif kept = router.addVif(VifSpec.of(Family.IPV4, "eth1"));

            kernel.removeInterface("eth0");

            assertEquals(List.of(kept), router.vifs());
            MulticastRouterException e = assertThrows(MulticastRouterException.class, () -> router.removeVif(gone));
            assertEquals(99, e.errno());
        }
    }

    @Test
    void aTableHasOneRegisterVifWithoutAnInterface(MockKernel kernel) {
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif register = router.addVif(new VifSpec(Family.IPV4, "pimreg", 1, Set.of(VifFlag.REGISTER)));

            assertEquals(0, register.interfaceIndex());
            MulticastRouterException second = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(new VifSpec(Family.IPV4, "pimreg2", 1, Set.of(VifFlag.REGISTER))));
            assertEquals(98, second.errno());
            assertTrue(second.getMessage().contains("register VIF 0"), second.getMessage());
        }
    }

    @Test
    void aRouterForOneFamilyRefusesVifsOfTheOther(MockKernel kernel) {
        kernel.addInterface("eth0");
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV4))) {
            MulticastRouterException e = assertThrows(MulticastRouterException.class,
                    () -> router.addVif(VifSpec.of(Family.IPV6, "eth0")));
            assertEquals("MRT6_ADD_MIF", e.operation());
            assertEquals(0, e.errno());
        }
    }
}
