package dev.mcroute.api;

import static dev.mcroute.api.InetAddresses.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.MfcEntry.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfcEntryTest {
    private static final SourceGroup KEY = SourceGroup.parse("10.0.0.1", "225.1.2.3");

    @Test
    void outputsAreSortedByVif() {
        MfcEntry entry = new MfcEntry(KEY, 1, List.of(new Output(9, 1), new Output(2, 3), new Output(5, 1)));
        assertEquals(List.of(new Output(2, 3), new Output(5, 1), new Output(9, 1)), entry.outputs());
        assertEquals(Family.IPV4, entry.family());
        assertFalse(entry.isStopFilter());
    }

    @Test
    void entriesWithTheSameOutputsInAnotherOrderAreEqual() {
        MfcEntry a = new MfcEntry(KEY, 0, List.of(new Output(1, 1), new Output(2, 1)));
        MfcEntry b = new MfcEntry(KEY, 0, List.of(new Output(2, 1), new Output(1, 1)));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void outputsAreCopiedAndImmutable() {
        List<Output> outputs = new ArrayList<>(List.of(new Output(2, 1)));
        MfcEntry entry = new MfcEntry(KEY, 0, outputs);
        outputs.add(new Output(3, 1));
        assertEquals(List.of(new Output(2, 1)), entry.outputs());
        assertThrows(UnsupportedOperationException.class, () -> entry.outputs().add(new Output(4, 1)));
    }

    @Test
    void noOutputsMakeAStopFilter() {
        MfcEntry entry = MfcEntry.of(parse("10.0.0.1"), parse("225.1.2.3"), 0, List.of());
        assertTrue(entry.isStopFilter());
        assertEquals(List.of(), entry.outputs());
        assertEquals(0, entry.ttlThresholdOf(1));
    }

    @Test
    void ttlThresholdOfAnswersPerOutput() {
        MfcEntry entry = new MfcEntry(KEY, 0, List.of(new Output(1, 1), new Output(3, 64)));
        assertEquals(1, entry.ttlThresholdOf(1));
        assertEquals(64, entry.ttlThresholdOf(3));
        assertEquals(0, entry.ttlThresholdOf(0), "the input is no output");
        assertEquals(0, entry.ttlThresholdOf(2));
    }

    @Test
    void rejectsAnOutputListedTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MfcEntry(KEY, 0, List.of(new Output(2, 1), new Output(4, 1), new Output(2, 8))));
        assertEquals("route (10.0.0.1, 225.1.2.3): output VIF 2 is listed twice", e.getMessage());
    }

    @Test
    void rejectsTheInputAmongTheOutputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MfcEntry(KEY, 1, List.of(new Output(0, 1), new Output(1, 1))));
        assertEquals("route (10.0.0.1, 225.1.2.3): input VIF 1 is also an output; "
                + "that would send packets back where they came from", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32})
    void rejectsAnInputVifOutOfRange(int vif) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MfcEntry(KEY, vif, List.of()));
        assertEquals("input VIF " + vif + " out of range 0-31", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32})
    void rejectsAnOutputVifOutOfRange(int vif) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Output(vif, 1));
        assertEquals("output VIF " + vif + " out of range 0-31", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void rejectsAnOutputThresholdOutOfRange(int ttl) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Output(3, ttl));
        assertEquals("output VIF 3: TTL threshold " + ttl + " out of range 1-255", e.getMessage());
    }

    @Test
    void everyVifButTheInputCanBeAnOutput() {
        List<Output> outputs = new ArrayList<>();
        for (int vif = 1; vif < Vif.MAX_VIFS; vif++) {
            outputs.add(new Output(vif, 255));
        }
        assertEquals(31, new MfcEntry(KEY, 0, outputs).outputs().size());
    }

    @Test
    void rejectsMissingParts() {
        assertEquals("key", assertThrows(NullPointerException.class,
                () -> new MfcEntry(null, 0, List.of())).getMessage());
        assertEquals("outputs", assertThrows(NullPointerException.class,
                () -> new MfcEntry(KEY, 0, null)).getMessage());
        List<Output> withNull = Arrays.asList(new Output(2, 1), null, new Output(3, 1));
        assertEquals("output", assertThrows(NullPointerException.class,
                () -> new MfcEntry(KEY, 0, withNull)).getMessage());
    }

    @Test
    void betweenTakesEachOutputsOwnThreshold() {
        Vif in = new Vif(Family.IPV4, 0, "eth0", 2, 1, Set.of());
        Vif out1 = new Vif(Family.IPV4, 2, "eth2", 4, 32, Set.of());
        Vif out2 = new Vif(Family.IPV4, 1, "eth1", 3, 1, Set.of());
        MfcEntry entry = MfcEntry.between(KEY, in, List.of(out1, out2));
        assertEquals(new MfcEntry(KEY, 0, List.of(new Output(1, 1), new Output(2, 32))), entry);
    }

    @Test
    void betweenRejectsAVifOfTheOtherFamily() {
        Vif in = new Vif(Family.IPV4, 0, "eth0", 2, 1, Set.of());
        Vif v6 = new Vif(Family.IPV6, 1, "eth1", 3, 1, Set.of());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> MfcEntry.between(KEY, in, List.of(v6)));
        assertEquals("route (10.0.0.1, 225.1.2.3): VIF 1 on eth1 is IPV6, the route is IPV4", out.getMessage());
        Vif in6 = new Vif(Family.IPV6, 0, "eth0", 2, 1, Set.of());
        Vif v4 = new Vif(Family.IPV4, 1, "eth1", 3, 1, Set.of());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> MfcEntry.between(KEY, in6, List.of(v4)));
        assertEquals("route (10.0.0.1, 225.1.2.3): input VIF 0 on eth0 is IPV6, the route is IPV4", input.getMessage());
    }

    @Test
    void betweenRejectsTheInputAsAnOutput() {
        Vif in = new Vif(Family.IPV4, 0, "eth0", 2, 1, Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MfcEntry.between(KEY, in, List.of(in)));
        assertEquals("route (10.0.0.1, 225.1.2.3): input VIF 0 is also an output; "
                + "that would send packets back where they came from", e.getMessage());
    }
}
