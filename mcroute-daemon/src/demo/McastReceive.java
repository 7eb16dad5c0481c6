import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Demo receiver: {@code java McastReceive.java IFACE GROUP PORT SECONDS} prints what arrives, then how many. */
public class McastReceive {
    public static void main(String[] args) throws Exception {
        NetworkInterface iface = NetworkInterface.getByName(args[0]);
        InetAddress group = InetAddress.getByName(args[1]);
        int port = Integer.parseInt(args[2]);
        long deadline = System.currentTimeMillis() + 1000L * Integer.parseInt(args[3]);
        int received = 0;
        try (MulticastSocket socket = new MulticastSocket(port)) {
            socket.joinGroup(new InetSocketAddress(group, port), iface);
            byte[] buffer = new byte[1500];
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                received++;
                System.out.println("receiver: got '" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII)
                        + "' from " + packet.getAddress().getHostAddress());
            }
        }
        System.out.println("receiver: " + received + " datagram(s) arrived");
    }
}
