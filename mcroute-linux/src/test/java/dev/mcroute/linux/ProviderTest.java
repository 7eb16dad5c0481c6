package dev.mcroute.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.MulticastRouters;
import dev.mcroute.spi.MulticastRouterProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The provider is found by the ServiceLoader and declares itself on Linux only. */
class ProviderTest {
    @Test
    void theServiceLoaderFindsTheLinuxProviderWhichSupportsThisLinux() {
        List<MulticastRouterProvider> linux = MulticastRouters.providers().stream()
                .filter(p -> p.name().equals("linux")).toList();
        assertEquals(1, linux.size());
        assertTrue(linux.get(0) instanceof LinuxMulticastRouterProvider);
        assertEquals(100, linux.get(0).priority());
        assertEquals("Linux".equals(System.getProperty("os.name")) ? Optional.empty() : Optional.of(
                "needs Linux, this is " + System.getProperty("os.name")), linux.get(0).unsupportedReason());
    }

    @Test
    void otherSystemsAreDeclinedWithTheirName() {
        String saved = System.getProperty("os.name");
        System.setProperty("os.name", "FreeBSD");
        try {
            assertEquals(Optional.of("needs Linux, this is FreeBSD"), new LinuxMulticastRouterProvider().unsupportedReason());
        } finally {
            System.setProperty("os.name", saved);
        }
    }
}
