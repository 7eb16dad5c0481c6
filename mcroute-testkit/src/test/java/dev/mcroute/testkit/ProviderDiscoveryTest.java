package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.spi.MulticastRouterProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockKernelExtension.class)
class ProviderDiscoveryTest {
    private final String propertyBefore = System.getProperty(MulticastRouters.PROVIDER_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (propertyBefore == null) {
            System.clearProperty(MulticastRouters.PROVIDER_PROPERTY);
        } else {
            System.setProperty(MulticastRouters.PROVIDER_PROPERTY, propertyBefore);
        }
    }

    @Test
    void serviceLoaderFindsTheMockProvider() {
        List<MulticastRouterProvider> providers = MulticastRouters.providers();

        assertEquals(1, providers.stream().filter(p -> p.name().equals("mock")).count());
        MulticastRouterProvider mock = providers.stream().filter(p -> p.name().equals("mock")).findFirst().orElseThrow();
        assertInstanceOf(MockProvider.class, mock);
        assertEquals(Optional.empty(), mock.unsupportedReason());
        assertEquals(Integer.MIN_VALUE, mock.priority());
    }

    @Test
    void openingWithTheMockProviderGivesARouterOnTheTestsKernel(MockKernel kernel) {
        try (MulticastRouter router = MulticastRouters.open(RouterOptions.defaults().withProvider("mock").withTable(2))) {
            assertEquals("mock", router.providerName());
            assertEquals(2, router.table());
            assertEquals(List.of(router), kernel.openRouters());
        }
    }

    @Test
    void theSystemPropertyForcesTheMockOverABetterProvider(MockKernel kernel) {
        List<MulticastRouterProvider> candidates = List.of(new FakeProvider("linux", 100, null), new MockProvider());
        assertEquals("linux", MulticastRouters.choose(RouterOptions.defaults(), candidates).name());

        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, "mock");

        assertEquals("mock", MulticastRouters.choose(RouterOptions.defaults(), candidates).name());
        try (MulticastRouter router = MulticastRouters.open()) {
            assertEquals("mock", router.providerName());
            assertEquals(List.of(router), kernel.openRouters());
        }
    }

    @Test
    void theMockIsTheLastResortAmongSupportedProviders() {
        MulticastRouterProvider mock = new MockProvider();
        List<MulticastRouterProvider> candidates = List.of(mock, new FakeProvider("freebsd", 0, "needs FreeBSD, this is Linux"));

        assertSame(mock, MulticastRouters.choose(RouterOptions.defaults(), candidates));
        assertEquals("linux", MulticastRouters.choose(RouterOptions.defaults(),
                List.of(mock, new FakeProvider("linux", -1000, null))).name());
    }

    @Test
    void whenNoProviderFitsTheErrorSaysWhyEachDeclined() {
        List<MulticastRouterProvider> candidates = List.of(
                new FakeProvider("linux", 10, "needs Linux, this is FreeBSD"),
                new FakeProvider("freebsd", 10, "needs the mrouting kernel module (kldload ip_mroute)"));

        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults(), candidates));

        assertTrue(e.getMessage().contains("\n  linux: needs Linux, this is FreeBSD"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  freebsd: needs the mrouting kernel module (kldload ip_mroute)"), e.getMessage());
        MulticastRouterException missing = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults().withProvider("mock"), candidates));
        assertTrue(missing.getMessage().endsWith("provider 'mock' was asked for but is not on the class path; found: freebsd, linux"),
                missing.getMessage());
    }

    /** A stand-in for a real provider: supported or declining with a reason; never opens. */
    private record FakeProvider(String name, int priority, String reason) implements MulticastRouterProvider {
        @Override
        public Optional<String> unsupportedReason() {
            return Optional.ofNullable(reason);
        }

        @Override
        public MulticastRouter open(RouterOptions options) {
            throw new UnsupportedOperationException("a fake provider opens nothing");
        }
    }
}
