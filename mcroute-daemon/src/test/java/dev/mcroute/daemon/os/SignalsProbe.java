package dev.mcroute.daemon.os;

/** Run in a child JVM by {@link OsTest}: prints whether the SIGHUP handler could be installed. */
public final class SignalsProbe {
    private SignalsProbe() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        System.out.println(Signals.handle("HUP", () -> { }) ? "handled" : "ignored");
    }
}
