package dev.mcroute.daemon.mrdisc;

/**
 * The Multicast Router Discovery messages of RFC 4286: IGMP types 0x30-0x32 with the Internet
 * checksum for IPv4, ICMPv6 types 151-153 for IPv6 (checksum computed by the kernel).
 */
final class MrdiscMessage {

    /** IGMP type of a Multicast Router Advertisement. */
    static final int ADVERTISEMENT = 0x30;
    /** IGMP type of a Multicast Router Solicitation. */
    static final int SOLICITATION = 0x31;
    /** IGMP type of a Multicast Router Termination. */
    static final int TERMINATION = 0x32;

    /** ICMPv6 type of a Multicast Router Advertisement. */
    static final int ADVERTISEMENT_V6 = 151;
    /** ICMPv6 type of a Multicast Router Solicitation. */
    static final int SOLICITATION_V6 = 152;
    /** ICMPv6 type of a Multicast Router Termination. */
    static final int TERMINATION_V6 = 153;

    private MrdiscMessage() {
    }

    /**
     * An advertisement: type, Advertisement Interval (seconds), checksum, Query Interval and
     * Robustness Variable. Both IGMP fields are 0 because this router does not run IGMP on the
     * interface (RFC 4286 section 3.2: then they MUST be 0).
     */
    static byte[] advertisement(int intervalSeconds) {
        byte[] message = {(byte) ADVERTISEMENT, (byte) intervalSeconds, 0, 0, 0, 0, 0, 0};
        return withChecksum(message);
    }

    /** The IPv6 advertisement; the kernel fills the checksum (it covers the IPv6 pseudo-header). */
    static byte[] advertisementV6(int intervalSeconds) {
        return new byte[] {(byte) ADVERTISEMENT_V6, (byte) intervalSeconds, 0, 0, 0, 0, 0, 0};
    }

    /** The IPv6 termination; checksum by the kernel. */
    static byte[] terminationV6() {
        return new byte[] {(byte) TERMINATION_V6, 0, 0, 0};
    }

    /** The IPv6 solicitation; checksum by the kernel. */
    static byte[] solicitationV6() {
        return new byte[] {(byte) SOLICITATION_V6, 0, 0, 0};
    }

    /** A termination: type, reserved, checksum. */
    static byte[] termination() {
        return withChecksum(new byte[] {(byte) TERMINATION, 0, 0, 0});
    }

    /** A solicitation: type, reserved, checksum. */
    static byte[] solicitation() {
        return withChecksum(new byte[] {(byte) SOLICITATION, 0, 0, 0});
    }

    /** Whether {@code igmp} (from {@code offset}, {@code length} bytes) is a solicitation with a valid checksum. */
    static boolean isSolicitation(byte[] igmp, int offset, int length) {
        return length >= 4 && (igmp[offset] & 0xff) == SOLICITATION && checksum(igmp, offset, length) == 0;
    }

    /** The Internet checksum (RFC 1071) over {@code length} bytes; 0 when a received checksum is right. */
    static int checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xff;
            int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += high << 8 | low;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static byte[] withChecksum(byte[] message) {
        int checksum = checksum(message, 0, message.length);
        message[2] = (byte) (checksum >>> 8);
        message[3] = (byte) checksum;
        return message;
    }
}
