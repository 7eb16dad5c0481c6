package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FamilyTest {

    @Test
    void sizesMatchTheAddressLengths() {
        assertEquals(4, Family.IPV4.addressBytes());
        assertEquals(32, Family.IPV4.maxPrefixLength());
        assertEquals(16, Family.IPV6.addressBytes());
        assertEquals(128, Family.IPV6.maxPrefixLength());
    }

    @Test
    void anyAddressIsTheUnspecifiedAddressOfTheFamily() {
        assertEquals("0.0.0.0", InetAddresses.toText(Family.IPV4.anyAddress()));
        assertEquals("::", InetAddresses.toText(Family.IPV6.anyAddress()));
        assertEquals(Family.IPV4, Family.of(Family.IPV4.anyAddress()));
        assertEquals(Family.IPV6, Family.of(Family.IPV6.anyAddress()));
    }

    @Test
    void ofTellsTheFamilyOfAnAddress() {
        assertEquals(Family.IPV4, Family.of(InetAddresses.parse("225.1.2.3")));
        assertEquals(Family.IPV6, Family.of(InetAddresses.parse("ff05::1")));
    }

    @Test
    void ofRejectsNull() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Family.of(null));
        assertEquals("address", e.getMessage());
    }
}
