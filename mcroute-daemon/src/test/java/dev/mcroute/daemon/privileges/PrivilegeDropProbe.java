package dev.mcroute.daemon.privileges;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child program for {@link PrivilegeDropTest}, run as root inside a test namespace with two
 * interfaces {@code args[1]} and {@code args[2]} (down). It opens a raw IGMP socket and does
 * MRT_INIT as root, drops to {@code args[0]}, then reports one line per check, "ready", and
 * waits for stdin to close so the test can read /proc/PID/task itself.
 */
public final class PrivilegeDropProbe {

    /** The calls the probe makes, with constants from the Linux headers (checked by NativeConstantsTest). */
    interface ProbeLibc extends Library {
        ProbeLibc INSTANCE = Native.load("c", ProbeLibc.class);
        int AF_INET = 2;
        int SOCK_DGRAM = 2;
        int SOCK_RAW = 3;
        int IPPROTO_IGMP = 2;
        int IPPROTO_IP = 0;
        int MRT_INIT = 200;
        int MRT_ADD_VIF = 202;
        int VIFF_USE_IFINDEX = 0x8;
        int VIFCTL_SIZE = 16;
        int VIFCTL_IFINDEX_OFFSET = 8;
        long SIOCGIFFLAGS = 0x8913;
        long SIOCSIFFLAGS = 0x8914;
        int IFREQ_SIZE = 40;
        int IFREQ_FLAGS_OFFSET = 16;
        short IFF_UP = 1;

        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int option, Pointer value, int length);

        int ioctl(int fd, long request, Pointer argument);

        int if_nametoindex(String name);

        int gettid();
    }

    private PrivilegeDropProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeLibc libc = ProbeLibc.INSTANCE;
        int mrouteSocket = libc.socket(ProbeLibc.AF_INET, ProbeLibc.SOCK_RAW, ProbeLibc.IPPROTO_IGMP);
        Memory one = new Memory(4);
        one.setInt(0, 1);
        report("mrt-init", mrouteSocket >= 0
                && libc.setsockopt(mrouteSocket, ProbeLibc.IPPROTO_IP, ProbeLibc.MRT_INIT, one, 4) == 0);

        PrivilegeDrop.dropTo(PrivilegeDrop.resolve(args[0]));
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println("caller-tid " + libc.gettid());

        Memory vif = new Memory(ProbeLibc.VIFCTL_SIZE);
        vif.clear();
        vif.setByte(2, (byte) ProbeLibc.VIFF_USE_IFINDEX);
        vif.setByte(3, (byte) 1);
        vif.setInt(ProbeLibc.VIFCTL_IFINDEX_OFFSET, libc.if_nametoindex(args[1]));
        report("mrt-add-vif", libc.setsockopt(mrouteSocket, ProbeLibc.IPPROTO_IP, ProbeLibc.MRT_ADD_VIF,
                vif, ProbeLibc.VIFCTL_SIZE) == 0);
        report("ifup-caller", bringUp(args[1]));
        boolean[] fromNewThread = new boolean[1];
        Thread later = new Thread(() -> fromNewThread[0] = bringUp(args[2]), "started-after-drop");
        later.start();
        later.join();
        report("ifup-new-thread", fromNewThread[0]);
        report("raw-socket-denied", libc.socket(ProbeLibc.AF_INET, ProbeLibc.SOCK_RAW, ProbeLibc.IPPROTO_IGMP) < 0);
        report("shadow-denied", !canRead(Path.of("/etc/shadow")));
        System.out.println("ready");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private static boolean bringUp(String name) {
        ProbeLibc libc = ProbeLibc.INSTANCE;
        int fd = libc.socket(ProbeLibc.AF_INET, ProbeLibc.SOCK_DGRAM, 0);
        Memory request = new Memory(ProbeLibc.IFREQ_SIZE);
        request.clear();
        request.write(0, name.getBytes(StandardCharsets.US_ASCII), 0, name.length());
        if (fd < 0 || libc.ioctl(fd, ProbeLibc.SIOCGIFFLAGS, request) != 0) {
            return false;
        }
        short flags = request.getShort(ProbeLibc.IFREQ_FLAGS_OFFSET);
        request.setShort(ProbeLibc.IFREQ_FLAGS_OFFSET, (short) (flags | ProbeLibc.IFF_UP));
        return libc.ioctl(fd, ProbeLibc.SIOCSIFFLAGS, request) == 0;
    }

    private static boolean canRead(Path file) {
        try {
            Files.readAllBytes(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void report(String check, boolean passed) {
        System.out.println(check + " " + (passed ? "yes" : "no errno " + Native.getLastError()));
    }
}
