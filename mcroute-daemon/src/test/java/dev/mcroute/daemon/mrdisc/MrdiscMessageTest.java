package dev.mcroute.daemon.mrdisc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MrdiscMessageTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void advertisementCarriesIntervalChecksumAndZeroIgmpFields() {
        assertArrayEquals(HEX.parseHex("3014cfeb00000000"), MrdiscMessage.advertisement(20));
        assertArrayEquals(HEX.parseHex("30b4cf4b00000000"), MrdiscMessage.advertisement(180));
    }

    @Test
    void terminationAndSolicitationAreFourBytes() {
        assertArrayEquals(HEX.parseHex("3200cdff"), MrdiscMessage.termination());
        assertArrayEquals(HEX.parseHex("3100ceff"), MrdiscMessage.solicitation());
    }

    @Test
    void aReceivedChecksumSumsToZero() {
        byte[] message = MrdiscMessage.advertisement(37);
        assertEquals(0, MrdiscMessage.checksum(message, 0, message.length));
    }

    @Test
    void checksumOfAnOddLengthPadsWithZero() {
        assertEquals(~(0x0102 + 0x0300) & 0xffff, MrdiscMessage.checksum(new byte[] {1, 2, 3}, 0, 3));
    }

    @Test
    void solicitationNeedsTypeAndValidChecksum() {
        byte[] packet = new byte[24];
        System.arraycopy(MrdiscMessage.solicitation(), 0, packet, 20, 4);
        assertTrue(MrdiscMessage.isSolicitation(packet, 20, 4));
        packet[23] ^= 1;
        assertFalse(MrdiscMessage.isSolicitation(packet, 20, 4));
        assertFalse(MrdiscMessage.isSolicitation(MrdiscMessage.termination(), 0, 4));
        assertFalse(MrdiscMessage.isSolicitation(MrdiscMessage.solicitation(), 0, 3));
    }
}
