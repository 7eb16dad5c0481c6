package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpcallTest {
    private static final SourceGroup V6 = SourceGroup.parse("2001:db8::1", "ff05::1");

    @Test
    void holdsWhatTheKernelReported() {
        Upcall upcall = new Upcall(Upcall.Type.WRONGVIF, 31, V6);
        assertEquals(Upcall.Type.WRONGVIF, upcall.type());
        assertEquals(31, upcall.vif());
        assertEquals(V6, upcall.key());
        assertEquals(Family.IPV6, upcall.family());
    }

    @Test
    void knowsTheThreeKernelMessages() {
        assertEquals(List.of(Upcall.Type.NOCACHE, Upcall.Type.WRONGVIF, Upcall.Type.WHOLEPKT),
                List.of(Upcall.Type.values()));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 32})
    void rejectsAVifOutOfRange(int vif) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Upcall(Upcall.Type.NOCACHE, vif, V6));
        assertEquals("VIF " + vif + " out of range 0-31", e.getMessage());
    }

    @Test
    void rejectsMissingParts() {
        assertEquals("type", assertThrows(NullPointerException.class, () -> new Upcall(null, 0, V6)).getMessage());
        assertEquals("key", assertThrows(NullPointerException.class,
                () -> new Upcall(Upcall.Type.NOCACHE, 0, null)).getMessage());
    }
}
