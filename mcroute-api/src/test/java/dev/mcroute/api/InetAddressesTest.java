package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InetAddressesTest {

    @Test
    void parsesADottedQuad() {
        InetAddress address = InetAddresses.parse("225.1.2.3");
        assertInstanceOf(Inet4Address.class, address);
        assertArrayEquals(new byte[] {(byte) 225, 1, 2, 3}, address.getAddress());
    }

    @Test
    void parsesTheExtremesOfADottedQuad() {
        assertArrayEquals(new byte[] {0, 0, 0, 0}, InetAddresses.parse("0.0.0.0").getAddress());
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, InetAddresses.parse("255.255.255.255").getAddress());
    }

    @Test
    void parsesAnIpv6Literal() {
        InetAddress address = InetAddresses.parse("ff05::1");
        assertInstanceOf(Inet6Address.class, address);
        byte[] expected = new byte[16];
        expected[0] = (byte) 0xff;
        expected[1] = 0x05;
        expected[15] = 1;
        assertArrayEquals(expected, address.getAddress());
    }

    @Test
    void parsesAnIpv6LiteralInUpperCaseAndFullForm() {
        assertEquals(InetAddresses.parse("ff05::1"),
                InetAddresses.parse("FF05:0000:0000:0000:0000:0000:0000:0001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.1",              // InetAddress.getByName would read this as 10.0.0.1
        "10.0.0",
        "1.2.3.4.5",
        "256.0.0.1",
        "010.0.0.1",         // leading zero: octal to inet_aton, decimal to others
        "00.0.0.1",
        "1..2.3",
        ".1.2.3",
        "1.2.3.",
        "1000.0.0.1",
        "25a.0.0.1",
        "1.2.3.256",
        "0x0a.0.0.1",
        " 10.0.0.1",
        "10.0.0.1 ",
        "example.com",       // never resolved through DNS
        "localhost",
        "ff05::1::2",
        "1:2:3:4:5:6:7:8:9",
        "12345::",
        "[::1]",
        "fe80::1%eth0",
        "g::1",
        ":",
        "225.1.2.3/32"
    })
    void rejectsWhatIsNotAnAddressLiteral(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InetAddresses.parse(text));
        assertEquals("not an IP address: '" + text + "'", e.getMessage());
    }

    @Test
    void rejectsMissingText() {
        assertEquals("missing IP address",
                assertThrows(IllegalArgumentException.class, () -> InetAddresses.parse("")).getMessage());
        assertEquals("missing IP address",
                assertThrows(IllegalArgumentException.class, () -> InetAddresses.parse(null)).getMessage());
    }

    @Test
    void printsIpv4AsADottedQuad() {
        assertEquals("10.0.0.1", InetAddresses.toText(InetAddresses.parse("10.0.0.1")));
        assertEquals("239.255.255.250", InetAddresses.toText(InetAddresses.parse("239.255.255.250")));
    }

    /** Examples from RFC 5952, sections 4.1 to 4.3, and the corner cases of the "::" rule. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",   // 4.1 leading zeros dropped, 4.2.1 longest run
        "2001:db8:0:1:1:1:1:1,                   2001:db8:0:1:1:1:1:1", // 4.2.2 a single zero word stays
        "2001:0:0:1:0:0:0:1,                     2001:0:0:1::1",     // 4.2.3 the longest run is compressed
        "2001:db8:0:0:1:0:0:1,                   2001:db8::1:0:0:1", // 4.2.3 first run on a tie
        "2001:DB8::AB,                           2001:db8::ab",      // 4.3 lower case
        "0:0:0:0:0:0:0:0,                        ::",
        "0:0:0:0:0:0:0:1,                        ::1",
        "1:0:0:0:0:0:0:0,                        1::",
        "0:0:1:0:0:0:0:0,                        0:0:1::",
        "1:2:3:4:5:6:7:8,                        1:2:3:4:5:6:7:8",
        "ff05:0:0:0:0:0:0:1,                     ff05::1",
        "ff02::1:ff00:1,                         ff02::1:ff00:1",
        "fe80:0:0:0:0:0:0:abcd,                  fe80::abcd",
    })
    void printsIpv6AsRfc5952Says(String input, String expected) {
        assertEquals(expected, InetAddresses.toText(InetAddresses.parse(input)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "ff05::1", "2001:db8::2:1", "::", "::1", "1::", "2001:db8:0:1:1:1:1:1"})
    void canonicalTextSurvivesARoundTrip(String text) {
        assertEquals(text, InetAddresses.toText(InetAddresses.parse(text)));
    }
}
