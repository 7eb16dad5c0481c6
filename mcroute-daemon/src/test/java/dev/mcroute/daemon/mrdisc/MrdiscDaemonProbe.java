package dev.mcroute.daemon.mrdisc;

import dev.mcroute.daemon.privileges.PrivilegeDrop;
import java.io.OutputStream;
import java.util.List;

/**
 * Child program for {@link MrdiscAfterPrivilegeDropTest}: the daemon's order of calls. As root
 * it opens the announcer, drops to {@code args[0]}, then starts it on {@code args[1]}; when stdin
 * closes it closes the announcer (a Termination goes out) and exits.
 */
public final class MrdiscDaemonProbe {

    private MrdiscDaemonProbe() {
    }

    public static void main(String[] args) throws Exception {
        MrdiscAnnouncer announcer = MrdiscAnnouncer.open(MrdiscAnnouncer.DEFAULT_INTERVAL_SECONDS);
        PrivilegeDrop.dropTo(PrivilegeDrop.resolve(args[0]));
        announcer.start(List.of(args[1]));
        System.out.println("ready");
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        announcer.close();
    }
}
