import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;

/** Demo sender: {@code java McastSend.java IFACE GROUP PORT COUNT TTL} sends COUNT numbered datagrams, 100 ms apart. */
public class McastSend {
    public static void main(String[] args) throws Exception {
        NetworkInterface iface = NetworkInterface.getByName(args[0]);
        InetAddress group = InetAddress.getByName(args[1]);
        int port = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        try (MulticastSocket socket = new MulticastSocket()) {
            socket.setNetworkInterface(iface);
            socket.setTimeToLive(Integer.parseInt(args[4]));
            for (int i = 1; i <= count; i++) {
                byte[] data = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(data, data.length, new InetSocketAddress(group, port)));
                Thread.sleep(100);
            }
        }
    }
}
