package dev.mcroute.api;

import static dev.mcroute.api.InetAddresses.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixTest {

    @Test
    void parsesAnIpv4Prefix() {
        IpPrefix prefix = IpPrefix.parse("225.1.2.0/24");
        assertEquals(parse("225.1.2.0"), prefix.address());
        assertEquals(24, prefix.length());
        assertEquals(Family.IPV4, prefix.family());
        assertFalse(prefix.isHost());
        assertEquals("225.1.2.0/24", prefix.toString());
        assertEquals(new IpPrefix(parse("225.1.2.0"), 24), prefix);
    }

    @Test
    void parsesAnIpv6Prefix() {
        IpPrefix prefix = IpPrefix.parse("ff05::/16");
        assertEquals(parse("ff05::"), prefix.address());
        assertEquals(16, prefix.length());
        assertEquals(Family.IPV6, prefix.family());
        assertEquals("ff05::/16", prefix.toString());
    }

    @Test
    void coveringClearsTheHostBitsAndChecksTheLength() {
        assertEquals(IpPrefix.parse("225.1.2.0/24"), IpPrefix.covering(parse("225.1.2.3"), 24));
        assertEquals(IpPrefix.parse("ff05::/16"), IpPrefix.covering(parse("ff05::1:2"), 16));
        assertEquals(IpPrefix.parse("0.0.0.0/0"), IpPrefix.covering(parse("10.1.2.3"), 0));
        assertEquals("prefix length 33 is out of range 0-32",
                assertThrows(IllegalArgumentException.class, () -> IpPrefix.covering(parse("10.1.2.3"), 33)).getMessage());
    }

    @Test
    void anAddressWithoutLengthIsAHost() {
        IpPrefix v4 = IpPrefix.parse("10.0.0.1");
        assertEquals(32, v4.length());
        assertTrue(v4.isHost());
        assertEquals("10.0.0.1", v4.toString());
        IpPrefix v6 = IpPrefix.parse("2001:db8::1");
        assertEquals(128, v6.length());
        assertTrue(v6.isHost());
        assertEquals("2001:db8::1", v6.toString());
        assertEquals(v6, IpPrefix.host(parse("2001:db8::1")));
        assertEquals(v4, IpPrefix.parse("10.0.0.1/32"));
    }

    @Test
    void theWholeAddressSpaceIsAPrefix() {
        IpPrefix all = IpPrefix.parse("0.0.0.0/0");
        assertEquals("0.0.0.0/0", all.toString());
        assertTrue(all.contains(parse("255.255.255.255")));
        assertTrue(all.contains(parse("1.2.3.4")));
        assertFalse(all.contains(parse("::1")), "an IPv4 prefix holds no IPv6 address");
        assertTrue(IpPrefix.parse("::/0").contains(parse("ff05::1")));
        assertFalse(IpPrefix.parse("::/0").contains(parse("0.0.0.0")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "225.1.2.3/24    | 225.1.2.3/24 has bits set beyond the prefix length; did you mean 225.1.2.0/24?",
        "225.1.2.129/25  | 225.1.2.129/25 has bits set beyond the prefix length; did you mean 225.1.2.128/25?",
        "10.0.0.1/0      | 10.0.0.1/0 has bits set beyond the prefix length; did you mean 0.0.0.0/0?",
        "ff05::1/16      | ff05::1/16 has bits set beyond the prefix length; did you mean ff05::/16?",
        "2001:db8:8000::/32 | 2001:db8:8000::/32 has bits set beyond the prefix length; did you mean 2001:db8::/32?",
        "10.0.0.0/33     | prefix length 33 out of range 0-32 for 10.0.0.0",
        "::/129          | prefix length 129 out of range 0-128 for ::",
        "10.0.0.0/x      | bad prefix length 'x' in 10.0.0.0/x",
        "10.0.0.0/       | bad prefix length '' in 10.0.0.0/",
        "10.0.0.0/-1     | bad prefix length '-1' in 10.0.0.0/-1",
        "10.0.0.0/1000   | bad prefix length '1000' in 10.0.0.0/1000",
        "10.0.0.0/8/8    | bad prefix length '8/8' in 10.0.0.0/8/8",
        "10.0.0/8        | not an IP address: '10.0.0'",
        "/8              | missing IP address",
    })
    void parseNamesWhatIsWrong(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void prefixesOnAnOddBoundaryAreAccepted() {
        assertEquals("2001:db8:8000::/33", IpPrefix.parse("2001:db8:8000::/33").toString());
        assertEquals("225.1.2.128/25", IpPrefix.parse("225.1.2.128/25").toString());
    }

    @Test
    void constructorRejectsANegativeLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IpPrefix(parse("10.0.0.0"), -1));
        assertEquals("prefix length -1 out of range 0-32 for 10.0.0.0", e.getMessage());
    }

    @Test
    void constructorRejectsNull() {
        assertEquals("address", assertThrows(NullPointerException.class, () -> new IpPrefix(null, 8)).getMessage());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "225.1.2.0/24,   225.1.2.0,       true",
        "225.1.2.0/24,   225.1.2.255,     true",
        "225.1.2.0/24,   225.1.3.0,       false",
        "225.1.2.0/24,   225.1.1.255,     false",
        "225.1.2.128/25, 225.1.2.128,     true",
        "225.1.2.128/25, 225.1.2.127,     false",
        "224.0.0.0/4,    239.255.255.255, true",
        "224.0.0.0/4,    240.0.0.0,       false",
        "10.0.0.1,       10.0.0.1,        true",
        "10.0.0.1,       10.0.0.2,        false",
        "ff05::/16,      ff05::1:3,       true",
        "ff05::/16,      ff02::1,         false",
        "2001:db8::/33,  2001:db8:7fff::1, true",
        "2001:db8::/33,  2001:db8:8000::, false",
        "ff00::/8,       225.1.2.3,       false",
    })
    void containsAnAddress(String prefix, String address, boolean expected) {
        assertEquals(expected, IpPrefix.parse(prefix).contains(parse(address)));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "225.1.0.0/16,  225.1.2.0/24,  true",
        "225.1.0.0/16,  225.1.0.0/16,  true",
        "225.1.0.0/16,  225.0.0.0/8,   false",
        "225.1.0.0/16,  225.2.0.0/24,  false",
        "225.1.0.0/16,  225.1.2.3,     true",
        "0.0.0.0/0,     225.1.0.0/16,  true",
        "ff05::/16,     ff05::/32,     true",
        "ff05::/16,     ff00::/8,      false",
        "0.0.0.0/0,     ::/0,          false",
        "::/0,          0.0.0.0/0,     false",
    })
    void containsAPrefix(String outer, String inner, boolean expected) {
        assertEquals(expected, IpPrefix.parse(outer).contains(IpPrefix.parse(inner)));
    }
}
