package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The -m interval is checked before any socket is opened, so this needs no root. */
class MrdiscIntervalTest {

    @Test
    void intervalOutsideTheRfcRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MrdiscAnnouncer.open(3));
        assertEquals("mrdisc interval 3 s is outside 4-180 s (RFC 4286)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MrdiscAnnouncer.open(181));
    }
}
