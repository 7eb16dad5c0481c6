package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void routeCountersHoldTheirValues() {
        RouteCounters counters = new RouteCounters(3, 4500, 2);
        assertEquals(3, counters.packets());
        assertEquals(4500, counters.bytes());
        assertEquals(2, counters.wrongInterface());
        assertEquals(new RouteCounters(0, 0, 0), RouteCounters.ZERO);
        assertNotEquals(RouteCounters.ZERO, counters);
    }

    @Test
    void vifCountersHoldTheirValues() {
        VifCounters counters = new VifCounters(1, 1500, 2, 3000);
        assertEquals(1, counters.packetsIn());
        assertEquals(1500, counters.bytesIn());
        assertEquals(2, counters.packetsOut());
        assertEquals(3000, counters.bytesOut());
        assertEquals(new VifCounters(0, 0, 0, 0), VifCounters.ZERO);
        assertNotEquals(VifCounters.ZERO, counters);
    }

    @Test
    void countersHoldValuesBeyond32Bits() {
        long big = 1L << 40;
        assertEquals(big, new RouteCounters(big, big, big).bytes());
        assertEquals(big, new VifCounters(big, big, big, big).bytesOut());
    }
}
