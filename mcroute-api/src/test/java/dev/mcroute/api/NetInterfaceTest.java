package dev.mcroute.api;

import static dev.mcroute.api.InetAddresses.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetInterfaceTest {
    private static final InterfaceAddress V6_LINK_LOCAL = new InterfaceAddress(parse("fe80::1"), 64);
    private static final InterfaceAddress V4_FIRST = new InterfaceAddress(parse("10.0.0.1"), 24);
    private static final InterfaceAddress V4_SECOND = new InterfaceAddress(parse("192.168.1.1"), 16);

    @Test
    void holdsWhatTheKernelReported() {
        NetInterface eth0 = new NetInterface("eth0", 2, Set.of(InterfaceFlag.UP, InterfaceFlag.MULTICAST),
                List.of(V6_LINK_LOCAL, V4_FIRST, V4_SECOND));
        assertEquals("eth0", eth0.name());
        assertEquals(2, eth0.index());
        assertTrue(eth0.has(InterfaceFlag.UP));
        assertTrue(eth0.has(InterfaceFlag.MULTICAST));
        assertFalse(eth0.has(InterfaceFlag.RUNNING));
        assertFalse(eth0.has(InterfaceFlag.LOOPBACK));
    }

    @Test
    void firstAddressPicksTheFirstOfTheFamily() {
        NetInterface eth0 = new NetInterface("eth0", 2, Set.of(), List.of(V6_LINK_LOCAL, V4_FIRST, V4_SECOND));
        assertEquals(Optional.of(V4_FIRST), eth0.firstAddress(Family.IPV4));
        assertEquals(Optional.of(V6_LINK_LOCAL), eth0.firstAddress(Family.IPV6));
        NetInterface v4only = new NetInterface("eth1", 3, Set.of(), List.of(V4_SECOND));
        assertEquals(Optional.empty(), v4only.firstAddress(Family.IPV6));
    }

    @Test
    void flagsAndAddressesAreCopiedAndImmutable() {
        Set<InterfaceFlag> flags = EnumSet.of(InterfaceFlag.UP);
        List<InterfaceAddress> addresses = new ArrayList<>(List.of(V4_FIRST));
        NetInterface eth0 = new NetInterface("eth0", 2, flags, addresses);
        flags.add(InterfaceFlag.LOOPBACK);
        addresses.add(V4_SECOND);
        assertEquals(Set.of(InterfaceFlag.UP), eth0.flags());
        assertEquals(List.of(V4_FIRST), eth0.addresses());
        assertThrows(UnsupportedOperationException.class, () -> eth0.flags().clear());
        assertThrows(UnsupportedOperationException.class, () -> eth0.addresses().clear());
    }

    @Test
    void rejectsAnIndexBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetInterface("eth0", 0, Set.of(), List.of()));
        assertEquals("interface index 0 of eth0 is not positive", e.getMessage());
        assertEquals("addresses", assertThrows(NullPointerException.class,
                () -> new NetInterface("eth0", 1, Set.of(), null)).getMessage());
    }

    @Test
    void interfaceAddressPrintsAsCidr() {
        assertEquals("10.0.0.1/24", V4_FIRST.toString());
        assertEquals("fe80::1/64", V6_LINK_LOCAL.toString());
        assertEquals(Family.IPV4, V4_FIRST.family());
        assertEquals(Family.IPV6, V6_LINK_LOCAL.family());
        assertEquals(32, new InterfaceAddress(parse("10.0.0.1"), 32).prefixLength());
        assertEquals(0, new InterfaceAddress(parse("::1"), 0).prefixLength());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1, 33, 32", "10.0.0.1, -1, 32", "2001:db8::1, 129, 128", "2001:db8::1, -1, 128"})
    void interfaceAddressRejectsAPrefixLengthOutOfRange(String address, int length, int max) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InterfaceAddress(parse(address), length));
        assertEquals("prefix length " + length + " out of range 0-" + max, e.getMessage());
    }

    @Test
    void interfaceEventNeedsKindAndInterface() {
        NetInterface eth0 = new NetInterface("eth0", 2, Set.of(), List.of());
        InterfaceEvent event = new InterfaceEvent(InterfaceEvent.Kind.REMOVED, eth0);
        assertEquals(InterfaceEvent.Kind.REMOVED, event.kind());
        assertEquals(eth0, event.iface());
        assertEquals("kind", assertThrows(NullPointerException.class,
                () -> new InterfaceEvent(null, eth0)).getMessage());
        assertEquals("iface", assertThrows(NullPointerException.class,
                () -> new InterfaceEvent(InterfaceEvent.Kind.ADDED, null)).getMessage());
    }
}
