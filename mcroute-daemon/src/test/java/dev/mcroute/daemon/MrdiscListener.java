package dev.mcroute.daemon;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Test helper run in a neighbour namespace: {@code MrdiscListener IFINDEX SECONDS} joins
 * 224.0.0.106 on a raw IGMP socket and prints the first RFC 4286 advertisement it receives as
 * {@code advertisement from A.B.C.D interval N query Q robustness R ttl T alert true}.
 */
public final class MrdiscListener {
    interface C extends Library {
        C INSTANCE = Native.load("c", C.class);

        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int option, byte[] value, int length);

        long recv(int fd, byte[] buffer, long length, int flags);
    }

    private MrdiscListener() {
    }

    /**
     * @param args interface index, seconds to wait
     */
    public static void main(String[] args) {
        C c = C.INSTANCE;
        int fd = c.socket(2, 3, 2);
        byte[] mreqn = new byte[12];
        ByteBuffer m = ByteBuffer.wrap(mreqn).order(ByteOrder.nativeOrder());
        m.put(0, (byte) 224).put(1, (byte) 0).put(2, (byte) 0).put(3, (byte) 106).putInt(8, Integer.parseInt(args[0]));
        if (fd < 0 || c.setsockopt(fd, 0, 35, mreqn, 12) != 0) {
            System.out.println("setup failed, errno " + Native.getLastError());
            return;
        }
        byte[] timeout = new byte[16];
        ByteBuffer.wrap(timeout).order(ByteOrder.nativeOrder()).putLong(0, Long.parseLong(args[1]));
        c.setsockopt(fd, 1, 20, timeout, 16); // SO_RCVTIMEO
        byte[] packet = new byte[1500];
        while (true) {
            long n = c.recv(fd, packet, packet.length, 0);
            if (n <= 0) {
                System.out.println("nothing received");
                return;
            }
            int headerLength = (packet[0] & 0x0f) * 4;
            if ((packet[headerLength] & 0xff) == 0x30) {
                boolean alert = headerLength > 20 && (packet[20] & 0xff) == 0x94;
                System.out.printf("advertisement from %d.%d.%d.%d interval %d query %d robustness %d ttl %d alert %s%n",
                        packet[12] & 0xff, packet[13] & 0xff, packet[14] & 0xff, packet[15] & 0xff,
                        packet[headerLength + 1] & 0xff,
                        ((packet[headerLength + 4] & 0xff) << 8) | (packet[headerLength + 5] & 0xff),
                        ((packet[headerLength + 6] & 0xff) << 8) | (packet[headerLength + 7] & 0xff),
                        packet[8] & 0xff, alert);
                return;
            }
        }
    }
}
