package dev.mcroute.freebsd;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.spi.MulticastRouterProvider;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The FreeBSD provider: multicast routing through the kernel's MROUTING code (IPv4 and IPv6; the
 * kernel needs {@code options MROUTING}, or the {@code ip_mroute} and {@code ip6_mroute} modules).
 * It declares itself unsupported on every other system before any native code is touched.
 */
public final class FreeBsdProvider implements MulticastRouterProvider {
    /** The provider's name, for {@code -Dmcroute.provider=freebsd}. */
    static final String NAME = "freebsd";

    private final String osName;
    private final Supplier<FreeBsdNative> libc;

    /** The provider as {@link java.util.ServiceLoader} makes it: this system, the real libc. */
    public FreeBsdProvider() {
        this(System.getProperty("os.name", "unknown"), JnaFreeBsdNative::new);
    }

    /**
     * @param osName the system's name, as {@code os.name} gives it
     * @param libc   makes the system call layer, called only when a router is opened
     */
    FreeBsdProvider(String osName, Supplier<FreeBsdNative> libc) {
        this.osName = osName;
        this.libc = libc;
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
        return osName.startsWith("FreeBSD") ? Optional.empty() : Optional.of("needs FreeBSD, this is " + osName);
    }

    @Override
    public MulticastRouter open(RouterOptions options) {
        Optional<String> reason = unsupportedReason();
        if (reason.isPresent()) {
            throw new MulticastRouterException("open", "multicast router", reason.get());
        }
        FreeBsdRouter.requireTableZero(options);
        FreeBsdRouter router = FreeBsdRouter.open(libc.get(), options);
        router.startReader();
        return router;
    }
}
