package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterOptionsTest {

    @Test
    void defaultsAreTableZeroBothFamiliesAndNoForcedProvider() {
        RouterOptions options = RouterOptions.defaults();
        assertEquals(0, options.table());
        assertNull(options.provider());
        assertEquals(Set.of(Family.IPV4, Family.IPV6), options.families());
        assertTrue(options.routes(Family.IPV4));
        assertTrue(options.routes(Family.IPV6));
    }

    @Test
    void withersChangeOneThing() {
        RouterOptions options = RouterOptions.defaults().withTable(254).withProvider("mock").withFamilies(Family.IPV6);
        assertEquals(new RouterOptions(254, "mock", Set.of(Family.IPV6)), options);
        assertFalse(options.routes(Family.IPV4));
        assertTrue(options.routes(Family.IPV6));
        assertEquals(Set.of(Family.IPV4, Family.IPV6),
                options.withFamilies(Family.IPV6, Family.IPV4).families());
        assertNull(options.withProvider(null).provider(), "null returns to automatic choice");
    }

    @Test
    void familiesAreCopiedAndImmutable() {
        Set<Family> families = EnumSet.of(Family.IPV4);
        RouterOptions options = new RouterOptions(0, null, families);
        families.add(Family.IPV6);
        assertEquals(Set.of(Family.IPV4), options.families());
        assertThrows(UnsupportedOperationException.class, () -> options.families().add(Family.IPV6));
    }

    @Test
    void rejectsANegativeTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RouterOptions.defaults().withTable(-1));
        assertEquals("table -1 is negative", e.getMessage());
    }

    @Test
    void rejectsABlankProviderName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RouterOptions.defaults().withProvider("  "));
        assertEquals("provider name is blank", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RouterOptions.defaults().withProvider(""));
    }

    @Test
    void rejectsNoFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RouterOptions(0, null, Set.of()));
        assertEquals("no address family to route; give IPV4, IPV6 or both", e.getMessage());
        assertEquals("families", assertThrows(NullPointerException.class,
                () -> new RouterOptions(0, null, null)).getMessage());
    }
}
