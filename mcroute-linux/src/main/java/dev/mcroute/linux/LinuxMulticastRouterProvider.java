package dev.mcroute.linux;

import com.sun.jna.Native;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.spi.MulticastRouterProvider;
import java.util.Optional;

/**
 * The Linux provider: IPv4 and IPv6 multicast routing through JNA, with multiple tables.
 *
 * <p>{@link #open(RouterOptions)} creates every socket of the router in the network namespace of
 * the calling thread; to route in another namespace, call it from a thread that did setns(2) there.
 */
public final class LinuxMulticastRouterProvider implements MulticastRouterProvider {
    /** The provider's name, as {@code -Dmcroute.provider} selects it. */
    public static final String NAME = "linux";

    /** Creates the provider; touches no native code. */
    public LinuxMulticastRouterProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unsupportedReason() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            return Optional.of("needs Linux, this is " + os);
        }
        try {
            if (Native.LONG_SIZE != 8) {
                return Optional.of("needs a 64-bit JVM (the struct layouts are those of LP64), this one has "
                        + Native.LONG_SIZE * 8 + "-bit longs");
            }
        } catch (LinkageError e) {
            return Optional.of("JNA cannot load its native library: " + e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public MulticastRouter open(RouterOptions options) {
        return LinuxMulticastRouter.open(options);
    }
}
