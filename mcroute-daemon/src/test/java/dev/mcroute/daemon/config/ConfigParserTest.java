package dev.mcroute.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.IpPrefix;
import dev.mcroute.daemon.control.RouteSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private List<String> problems(ConfigResult result) {
        return result.problems().stream().map(p -> p.toString().replace(dir + "/", "")).collect(Collectors.toList());
    }

    @Test
    void everyDirectiveWithItsOptions() throws IOException {
        Path file = write("smcroute.conf", """
                # comment line
                phyint eth0 enable ttl-threshold 11
                phyint wlan0 disable
                phyint eth1 mrdisc   # trailing comment
                mgroup from eth0 group 225.1.2.3
                mgroup from virbr0 source 192.168.123.110 group 225.1.2.4
                mgroup from eth0 group 225.1.2.3 source 192.168.1.42
                mroute from eth0 source 192.168.1.42 group 225.1.2.3 to eth1 eth2
                mroute from eth+ group 225.0.0.0/24 to eth1
                mroute from eth0 source 10.0.0.0/24 group 225.1.0.0/16 to eth1
                mroute from eth0 source 0.0.0.0 group 225.3.2.1 to eth1
                mroute from eth0 source 10.0.0.1 group 225.9.9.9
                mroute from eth0 group 225.9.9.8 to
                mroute from eth0 source fc00::1 group ff05::1:3 to eth1
                mroute from eth0 source :: group ff05::/16 to eth1

                """);
        ConfigResult result = ConfigParser.parse(file);
        assertEquals(List.of(), problems(result));
        List<ConfigEntry> e = result.entries();
        assertEquals(new ConfigEntry.Phyint(new Origin(file, 2), "eth0", true, false, 11), e.get(0));
        assertEquals(new ConfigEntry.Phyint(new Origin(file, 3), "wlan0", false, false, 1), e.get(1));
        assertEquals(new ConfigEntry.Phyint(new Origin(file, 4), "eth1", true, true, 1), e.get(2));
        assertEquals(new ConfigEntry.Mgroup(new Origin(file, 5), spec("eth0", null, "225.1.2.3")), e.get(3));
        assertEquals(new ConfigEntry.Mgroup(new Origin(file, 6), spec("virbr0", "192.168.123.110", "225.1.2.4")), e.get(4));
        assertEquals(new ConfigEntry.Mgroup(new Origin(file, 7), spec("eth0", "192.168.1.42", "225.1.2.3")), e.get(5));
        assertEquals(new ConfigEntry.Mroute(new Origin(file, 8), spec("eth0", "192.168.1.42", "225.1.2.3", "eth1", "eth2")),
                e.get(6));
        assertEquals(spec("eth+", null, "225.0.0.0/24", "eth1"), ((ConfigEntry.Mroute) e.get(7)).route());
        assertEquals(spec("eth0", "10.0.0.0/24", "225.1.0.0/16", "eth1"), ((ConfigEntry.Mroute) e.get(8)).route());
        assertEquals(spec("eth0", null, "225.3.2.1", "eth1"), ((ConfigEntry.Mroute) e.get(9)).route());
        assertEquals(spec("eth0", "10.0.0.1", "225.9.9.9"), ((ConfigEntry.Mroute) e.get(10)).route());
        assertEquals(spec("eth0", null, "225.9.9.8"), ((ConfigEntry.Mroute) e.get(11)).route());
        assertEquals(spec("eth0", "fc00::1", "ff05::1:3", "eth1"), ((ConfigEntry.Mroute) e.get(12)).route());
        assertEquals(spec("eth0", null, "ff05::/16", "eth1"), ((ConfigEntry.Mroute) e.get(13)).route());
        assertEquals(14, e.size());
    }

    @Test
    void eachBadLineIsReportedWithFileAndLineAndTheRestLoads() throws IOException {
        Path file = write("bad.conf", """
                phyint a0 enable ttl-threshold 300
                phyint
                phyint a0 bogus
                mgroup from a0 group 1.2.3.4
                mgroup a0 group 225.1.1.1
                mgroup from a0
                mroute from a0 source 10.0.0.1 group ff05::1 to b0
                mroute from a0 source 10.0.0.1/33 group 225.1.1.1 to b0
                frobnicate x
                mroute from a0 group 225.1.1.1 to b0
                mgroup from a0 group 225.1.1.1 extra
                mroute from averyveryverylongname group 225.1.1.1
                mroute from a0 source 225.1.1.1 group 225.1.1.2
                mroute from a0 group 225.1.1.1 group 225.1.1.2
                phyint a0 ttl-threshold
                mroute from a0 group 225.1.1.1 to bad/name
                mgroup from a0 group 225.1.1.1 to b0
                mroute from a0 source 10.0.0.x group 225.1.1.1
                """);
        ConfigResult result = ConfigParser.parse(file);
        assertEquals(List.of(
                "bad.conf line 1: phyint a0 ttl 300 out of range (1-255)",
                "bad.conf line 2: phyint missing interface pattern",
                "bad.conf line 3: phyint a0: unknown option 'bogus'",
                "bad.conf line 4: join: Invalid multicast group: 1.2.3.4",
                "bad.conf line 5: mgroup: unknown keyword 'a0'",
                "bad.conf line 6: mgroup: missing 'group GROUP[/LEN]'",
                "bad.conf line 7: mroute: source 10.0.0.1 and group ff05::1 are of different address families",
                "bad.conf line 8: mroute: invalid prefix length: 33 in source 10.0.0.1/33 (0-32)",
                "bad.conf line 9: Unknown command frobnicate, skipping.",
                "bad.conf line 11: mgroup: unknown keyword 'extra'",
                "bad.conf line 12: invalid interface name 'averyveryverylongname': 1-15 characters",
                "bad.conf line 13: mroute: Invalid source address: 225.1.1.1 is multicast",
                "bad.conf line 14: mroute: 'group' given twice",
                "bad.conf line 15: phyint a0 ttl-threshold missing value (1-255)",
                "bad.conf line 16: invalid interface name 'bad/name'",
                "bad.conf line 17: mgroup: 'to' is only for mroute",
                "bad.conf line 18: mroute: invalid source address '10.0.0.x'"), problems(result));
        assertTrue(result.hasErrors());
        assertEquals(List.of(new ConfigEntry.Mroute(new Origin(file, 10), spec("a0", null, "225.1.1.1", "b0"))),
                result.entries());
    }

    @Test
    void includesAreReadInSortedOrderWhereTheyStand() throws IOException {
        write("smcroute.d/20-b.conf", "mgroup from eth0 group 225.0.0.20\n");
        write("smcroute.d/10-a.conf", "mgroup from eth0 group 225.0.0.10\n");
        write("smcroute.d/ignored.txt", "frobnicate\n");
        Path main = write("smcroute.conf", "mgroup from eth0 group 225.0.0.1\ninclude smcroute.d/*.conf\n"
                + "mgroup from eth0 group 225.0.0.99\n");
        ConfigResult result = ConfigParser.parse(main);
        assertEquals(List.of(), problems(result));
        assertEquals(List.of("225.0.0.1", "225.0.0.10", "225.0.0.20", "225.0.0.99"), result.entries().stream()
                .map(e -> ((ConfigEntry.Mgroup) e).membership().group().toString()).collect(Collectors.toList()));
        assertEquals(new Origin(dir.resolve("smcroute.d/10-a.conf"), 1), result.entries().get(1).origin());
    }

    @Test
    void selfIncludeAndCyclesAreRefusedNotFollowed() throws IOException {
        Path self = write("self.conf", "include self.conf\nmgroup from eth0 group 225.0.0.1\n");
        ConfigResult result = ConfigParser.parse(self);
        String real = self.toRealPath().toString();
        assertEquals(List.of(new ConfigProblem(new Origin(self, 1), "include cycle " + real + " -> " + real + ", skipping",
                true)), result.problems());
        assertEquals(1, result.entries().size());

        write("a.conf", "include b.conf\n");
        write("b.conf", "mgroup from eth0 group 225.0.0.2\ninclude a.conf\n");
        ConfigResult cycle = ConfigParser.parse(dir.resolve("a.conf"));
        assertEquals(1, cycle.problems().size());
        assertTrue(cycle.problems().get(0).toString().startsWith(dir.resolve("b.conf") + " line 2: include cycle "),
                cycle.problems().toString());
        assertEquals(1, cycle.entries().size());
    }

    @Test
    void globMatchingNothingIsAWarningMissingFileAnError() throws IOException {
        Path main = write("smcroute.conf", "include nothing/*.conf\ninclude missing.conf\n");
        ConfigResult result = ConfigParser.parse(main);
        assertEquals(List.of("smcroute.conf line 1: include nothing/*.conf matches no file",
                "smcroute.conf line 2: Configuration file missing.conf does not exist"), problems(result));
        assertFalse(result.problems().get(0).error());
        assertTrue(result.problems().get(1).error());
    }

    @Test
    void unreadableFileIsReported() throws IOException {
        Assumptions.assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
        Path file = write("secret.conf", "mgroup from eth0 group 225.0.0.1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assertEquals(List.of("secret.conf: cannot read " + file + ": Permission denied"), problems(ConfigParser.parse(file)));
    }

    @Test
    void directoryGivenAsConfigIsReported() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub.conf"));
        ConfigResult result = ConfigParser.parse(sub);
        assertEquals(1, result.problems().size());
        assertEquals(List.of("sub.conf: cannot read sub.conf: not a regular file"), problems(result));
    }

    @Test
    void devicesAndEndlessFilesAreNotRead() throws IOException {
        Path huge = dir.resolve("huge.conf");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ConfigParser.MAX_FILE_BYTES + 1L); // sparse: costs no disk
        }
        Path main = write("smcroute.conf", "include /dev/zero\ninclude huge.conf\nmgroup from eth0 group 225.0.0.1\n");
        ConfigResult result = ConfigParser.parse(main);
        assertEquals(List.of("smcroute.conf line 1: cannot read /dev/zero: not a regular file",
                "smcroute.conf line 2: cannot read huge.conf: larger than 64 MiB"), problems(result));
        assertEquals(1, result.entries().size());
    }

    @Test
    void binaryGarbageAndHugeFilesParseLineByLine() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Path file = dir.resolve("garbage.conf");
        Files.write(file, garbage);
        ConfigResult result = ConfigParser.parse(file);
        assertTrue(result.entries().isEmpty());
        assertTrue(result.hasErrors());

        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            big.append("mroute from eth0 source 10.").append(i / 65536).append('.').append(i / 256 % 256).append('.')
                    .append(i % 256).append(" group 225.1.2.3 to eth1\n");
        }
        Path large = write("large.conf", big.toString());
        ConfigResult parsed = ConfigParser.parse(large);
        assertEquals(List.of(), parsed.problems());
        assertEquals(100_000, parsed.entries().size());
    }

    @Test
    void hostBitsBeyondThePrefixAreCleared() throws IOException {
        Path file = write("c.conf", "mroute from a0 group 225.1.1.1/24 to b0\n");
        assertEquals(spec("a0", null, "225.1.1.0/24", "b0"), ((ConfigEntry.Mroute) ConfigParser.parse(file).entries().get(0)).route());
    }

    static RouteSpec spec(String iif, String source, String group, String... oifs) {
        return new RouteSpec(iif, Optional.ofNullable(source).map(IpPrefix::parse), IpPrefix.parse(group), List.of(oifs));
    }
}
