package dev.mcroute.api;

import static dev.mcroute.api.InetAddresses.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void anySourceHasNoSource() {
        Membership asm = Membership.anySource("eth0", parse("225.1.2.3"));
        assertNull(asm.source());
        assertEquals(Optional.empty(), asm.sourceIfSpecific());
        assertEquals(parse("225.1.2.3"), asm.group());
        assertEquals(Family.IPV4, asm.family());
        assertEquals("(*, 225.1.2.3) on eth0", asm.toString());
        assertEquals(new Membership("eth0", null, parse("225.1.2.3")), asm);
    }

    @Test
    void sourceSpecificNamesItsSource() {
        Membership ssm = Membership.sourceSpecific("eth1", parse("2001:db8::1"), parse("ff35::1:3"));
        assertEquals(Optional.of(parse("2001:db8::1")), ssm.sourceIfSpecific());
        assertEquals(Family.IPV6, ssm.family());
        assertEquals("(2001:db8::1, ff35::1:3) on eth1", ssm.toString());
        assertNotEquals(Membership.anySource("eth1", parse("ff35::1:3")), ssm);
    }

    @Test
    void rejectsAGroupThatIsNotMulticast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Membership.anySource("eth0", parse("10.1.2.3")));
        assertEquals("group 10.1.2.3 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)", e.getMessage());
    }

    @Test
    void rejectsAMulticastSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Membership.sourceSpecific("eth0", parse("232.0.0.1"), parse("232.1.1.1")));
        assertEquals("source 232.0.0.1 is a multicast address; a source must be unicast", e.getMessage());
    }

    @Test
    void rejectsASourceOfTheOtherFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Membership.sourceSpecific("eth0", parse("10.0.0.1"), parse("ff35::1")));
        assertEquals("source 10.0.0.1 and group ff35::1 are of different address families", e.getMessage());
    }

    @Test
    void sourceSpecificNeedsASource() {
        assertEquals("source", assertThrows(NullPointerException.class,
                () -> Membership.sourceSpecific("eth0", null, parse("232.1.1.1"))).getMessage());
        assertEquals("group", assertThrows(NullPointerException.class,
                () -> Membership.anySource("eth0", null)).getMessage());
    }
}
