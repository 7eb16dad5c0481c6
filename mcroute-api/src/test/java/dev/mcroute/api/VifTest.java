package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VifTest {

    @Test
    void specDefaultsToThresholdOneAndNoFlags() {
        VifSpec spec = VifSpec.of(Family.IPV6, "eth1");
        assertEquals(Family.IPV6, spec.family());
        assertEquals("eth1", spec.interfaceName());
        assertEquals(1, spec.ttlThreshold());
        assertEquals(VifSpec.DEFAULT_TTL_THRESHOLD, spec.ttlThreshold());
        assertEquals(Set.of(), spec.flags());
    }

    @Test
    void withTtlThresholdKeepsTheRest() {
        VifSpec spec = new VifSpec(Family.IPV4, "pimreg", 1, Set.of(VifFlag.REGISTER)).withTtlThreshold(64);
        assertEquals(new VifSpec(Family.IPV4, "pimreg", 64, Set.of(VifFlag.REGISTER)), spec);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 128, 255})
    void acceptsThresholdsFrom1To255(int ttl) {
        assertEquals(ttl, VifSpec.of(Family.IPV4, "eth0").withTtlThreshold(ttl).ttlThreshold());
        assertEquals(ttl, new Vif(Family.IPV4, 0, "eth0", 2, ttl, Set.of()).ttlThreshold());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 256, 1000})
    void rejectsThresholdsOutside1To255(int ttl) {
        String message = "TTL threshold " + ttl + " out of range 1-255";
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new VifSpec(Family.IPV4, "eth0", ttl, Set.of())).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new Vif(Family.IPV4, 0, "eth0", 2, ttl, Set.of())).getMessage());
    }

    @Test
    void specRejectsAMissingFamily() {
        assertEquals("family", assertThrows(NullPointerException.class,
                () -> VifSpec.of(null, "eth0")).getMessage());
        assertEquals("family", assertThrows(NullPointerException.class,
                () -> new Vif(null, 0, "eth0", 2, 1, Set.of())).getMessage());
    }

    @Test
    void flagsAreCopiedAndImmutable() {
        Set<VifFlag> flags = EnumSet.of(VifFlag.REGISTER);
        VifSpec spec = new VifSpec(Family.IPV4, "pimreg", 1, flags);
        Vif vif = new Vif(Family.IPV4, 0, "pimreg", 0, 1, flags);
        flags.clear();
        assertEquals(Set.of(VifFlag.REGISTER), spec.flags());
        assertEquals(Set.of(VifFlag.REGISTER), vif.flags());
        assertThrows(UnsupportedOperationException.class, () -> spec.flags().clear());
        assertThrows(UnsupportedOperationException.class, () -> vif.flags().add(VifFlag.REGISTER));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31})
    void acceptsIndexes0To31(int index) {
        assertEquals(index, new Vif(Family.IPV4, index, "eth0", 2, 1, Set.of()).index());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32, 64})
    void rejectsIndexesOutside0To31(int index) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vif(Family.IPV6, index, "eth0", 2, 1, Set.of()));
        assertEquals("VIF index " + index + " out of range 0-31", e.getMessage());
        assertEquals(32, Vif.MAX_VIFS);
    }

    @Test
    void interfaceIndexZeroIsAllowedForARegisterVif() {
        assertEquals(0, new Vif(Family.IPV4, 3, "pimreg", 0, 1, Set.of(VifFlag.REGISTER)).interfaceIndex());
    }

    @Test
    void rejectsANegativeInterfaceIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vif(Family.IPV4, 0, "eth0", -1, 1, Set.of()));
        assertEquals("interface index -1 is negative", e.getMessage());
    }

    @Test
    void ofPlacesASpecInASlot() {
        VifSpec spec = new VifSpec(Family.IPV6, "eth2", 32, Set.of());
        assertEquals(new Vif(Family.IPV6, 5, "eth2", 7, 32, Set.of()), Vif.of(spec, 5, 7));
    }

    @Test
    void asOutputUsesIndexAndThreshold() {
        Vif vif = new Vif(Family.IPV4, 4, "eth1", 3, 16, Set.of());
        assertEquals(new MfcEntry.Output(4, 16), vif.asOutput());
    }
}
