package dev.mcroute.api;

import static dev.mcroute.api.InetAddresses.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceGroupTest {

    @Test
    void holdsAnIpv4Route() {
        SourceGroup key = SourceGroup.parse("10.0.0.1", "225.1.2.3");
        assertEquals(parse("10.0.0.1"), key.source());
        assertEquals(parse("225.1.2.3"), key.group());
        assertEquals(Family.IPV4, key.family());
        assertEquals("(10.0.0.1, 225.1.2.3)", key.toString());
        assertEquals(new SourceGroup(parse("10.0.0.1"), parse("225.1.2.3")), key);
    }

    @Test
    void holdsAnIpv6RoutePrintedCompressed() {
        SourceGroup key = SourceGroup.parse("2001:0db8:0:0:0:0:0:1", "FF05::1:3");
        assertEquals(Family.IPV6, key.family());
        assertEquals("(2001:db8::1, ff05::1:3)", key.toString());
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1, 224.0.0.0", "10.0.0.1, 239.255.255.255", "192.168.1.1, 232.1.1.1",
        "2001:db8::1, ff00::", "fe80::1, ff02::1", "::1, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void acceptsTheEdgesOfTheMulticastRanges(String source, String group) {
        assertEquals(parse(group), SourceGroup.parse(source, group).group());
    }

    @ParameterizedTest(name = "({0}, {1})")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1    | 10.0.0.2        | group 10.0.0.2 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)",
        "10.0.0.1    | 223.255.255.255 | group 223.255.255.255 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)",
        "10.0.0.1    | 240.0.0.0       | group 240.0.0.0 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)",
        "2001:db8::1 | fe80::1         | group fe80::1 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)",
        "225.0.0.1   | 225.1.2.3       | source 225.0.0.1 is a multicast address; a source must be unicast",
        "ff05::2     | ff05::1         | source ff05::2 is a multicast address; a source must be unicast",
        "0.0.0.0     | 225.1.2.3       | source 0.0.0.0 is the unspecified address; name a concrete source",
        "::          | ff05::1         | source :: is the unspecified address; name a concrete source",
        "2001:db8::1 | 225.1.2.3       | source 2001:db8::1 and group 225.1.2.3 are of different address families",
        "10.0.0.1    | ff05::1         | source 10.0.0.1 and group ff05::1 are of different address families",
    })
    void rejectsWithAMessageThatSaysWhatToChange(String source, String group, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceGroup.parse(source, group));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theGroupIsCheckedBeforeTheSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceGroup.parse("225.0.0.1", "10.0.0.1"));
        assertEquals("group 10.0.0.1 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)", e.getMessage());
    }

    @Test
    void rejectsMissingAddresses() {
        assertEquals("group", assertThrows(NullPointerException.class,
                () -> new SourceGroup(parse("10.0.0.1"), null)).getMessage());
        assertEquals("source", assertThrows(NullPointerException.class,
                () -> new SourceGroup(null, parse("225.1.2.3"))).getMessage());
    }

    @Test
    void parseReportsABadLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceGroup.parse("10.0.0.1", "225.1.2"));
        assertEquals("not an IP address: '225.1.2'", e.getMessage());
    }
}
