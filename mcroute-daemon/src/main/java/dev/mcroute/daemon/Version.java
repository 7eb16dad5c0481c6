package dev.mcroute.daemon;

/** The version both programs print for {@code -v}. */
public final class Version {
    private Version() {
    }

    /** @return e.g. {@code mcroute 0.1.0 (smcroute 2.6 compatible)} */
    public static String text() {
        String version = Version.class.getPackage().getImplementationVersion();
        return "mcroute " + (version != null ? version : "0.1.0-SNAPSHOT") + " (SMCRoute 2.6 compatible)";
    }
}
