package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcroute.spi.FakeRouter;
import dev.mcroute.spi.MulticastRouterProvider;
import dev.mcroute.spi.TestProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider selection, against the test providers registered in
 * {@code src/test/resources/META-INF/services}: {@code test-low} (10) and {@code test-high} (20) are
 * supported, {@code test-declining} (100) declines, {@code test-throwing} (200) throws while checking.
 */
class MulticastRoutersTest {
    private static final String SYSTEM = System.getProperty("os.name") + " " + System.getProperty("os.arch");

    private final MulticastRouterProvider low = new TestProvider.Low();
    private final MulticastRouterProvider high = new TestProvider.High();
    private final MulticastRouterProvider declining = new TestProvider.Declining();
    private final MulticastRouterProvider throwing = new TestProvider.Throwing();

    private String savedProperty;

    @BeforeEach
    void clearProviderProperty() {
        savedProperty = System.clearProperty(MulticastRouters.PROVIDER_PROPERTY);
    }

    @AfterEach
    void restoreProviderProperty() {
        if (savedProperty == null) {
            System.clearProperty(MulticastRouters.PROVIDER_PROPERTY);
        } else {
            System.setProperty(MulticastRouters.PROVIDER_PROPERTY, savedProperty);
        }
    }

    @Test
    void serviceLoaderFindsEveryRegisteredProvider() {
        Set<String> names = MulticastRouters.providers().stream()
                .map(MulticastRouterProvider::name).collect(Collectors.toSet());
        assertEquals(Set.of("test-low", "test-high", "test-declining", "test-throwing", "unloadable provider"), names,
                "the services file also names a class that does not exist");
    }

    @Test
    void aProviderThatCannotBeLoadedIsListedAsDecliningWithItsClassName() {
        MulticastRouterProvider unloadable = MulticastRouters.providers().stream()
                .filter(p -> p.name().equals("unloadable provider")).findFirst().orElseThrow();
        assertTrue(unloadable.unsupportedReason().orElseThrow().contains("dev.mcroute.spi.NoSuchProvider"),
                unloadable.unsupportedReason().orElseThrow());
    }

    @Test
    void openUsesTheSupportedProviderWithTheHighestPriority() {
        try (MulticastRouter router = MulticastRouters.open()) {
            assertEquals("test-high", router.providerName());
            assertEquals(RouterOptions.defaults(), ((FakeRouter) router).options());
        }
    }

    @Test
    void openHandsTheOptionsToTheProvider() {
        RouterOptions options = RouterOptions.defaults().withTable(7).withFamilies(Family.IPV6);
        try (MulticastRouter router = MulticastRouters.open(options)) {
            assertEquals("test-high", router.providerName());
            assertEquals(7, router.table());
            assertEquals(Set.of(Family.IPV6), router.families());
            assertSame(options, ((FakeRouter) router).options());
        }
    }

    @Test
    void chooseIgnoresDecliningAndFailingProvidersOfHigherPriority() {
        for (List<MulticastRouterProvider> order : List.of(
                List.of(low, high, declining, throwing),
                List.of(throwing, declining, high, low),
                List.of(high, throwing, low, declining))) {
            assertSame(high, MulticastRouters.choose(RouterOptions.defaults(), order), order.toString());
        }
        assertSame(low, MulticastRouters.choose(RouterOptions.defaults(), List.of(declining, low, throwing)));
    }

    @Test
    void optionsForceAProviderOfLowerPriority() {
        try (MulticastRouter router = MulticastRouters.open(RouterOptions.defaults().withProvider("test-low"))) {
            assertEquals("test-low", router.providerName());
        }
    }

    @Test
    void systemPropertyForcesAProvider() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, "test-low");
        try (MulticastRouter router = MulticastRouters.open()) {
            assertEquals("test-low", router.providerName());
        }
    }

    @Test
    void systemPropertyIsTrimmed() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, " test-low ");
        assertSame(low, MulticastRouters.choose(RouterOptions.defaults(), List.of(low, high)));
    }

    @Test
    void blankSystemPropertyMeansAutomaticChoice() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, " ");
        assertSame(high, MulticastRouters.choose(RouterOptions.defaults(), List.of(low, high)));
    }

    @Test
    void optionsWinOverTheSystemProperty() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, "test-high");
        assertSame(low, MulticastRouters.choose(RouterOptions.defaults().withProvider("test-low"), List.of(low, high)));
    }

    @Test
    void noneFitsListsEveryProviderAndWhyItDeclined() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults(), List.of(declining, throwing)));
        assertEquals("open multicast router: no provider supports " + SYSTEM + "; found:"
                + "\n  test-declining: needs the test kernel, this is not it"
                + "\n  test-throwing: failed to check support: java.lang.IllegalStateException: libmcroute.so missing",
                e.getMessage());
        assertEquals("open", e.operation());
        assertEquals("multicast router", e.subject());
        assertEquals(Optional.empty(), e.errnoName());
    }

    @Test
    void aMissingNativeLibraryCountsAsDeclining() {
        MulticastRouterProvider unlinked = new TestProvider("test-unlinked", 50) {
            @Override
            public Optional<String> unsupportedReason() {
                throw new UnsatisfiedLinkError("no mcroute in java.library.path");
            }
        };
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults(), List.of(unlinked)));
        assertEquals("open multicast router: no provider supports " + SYSTEM + "; found:"
                + "\n  test-unlinked: failed to check support: "
                + "java.lang.UnsatisfiedLinkError: no mcroute in java.library.path", e.getMessage());
        assertSame(low, MulticastRouters.choose(RouterOptions.defaults(), List.of(unlinked, low)));
    }

    @Test
    void noProviderAtAllSaysWhatToAdd() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults(), List.of()));
        assertEquals("open multicast router: no provider found on " + SYSTEM
                + "; add mcroute-linux or mcroute-freebsd to the class path or module path", e.getMessage());
    }

    @Test
    void forcingAMissingProviderListsTheNamesFound() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.open(RouterOptions.defaults().withProvider("linux")));
        assertEquals("open multicast router: provider 'linux' was asked for but is not on the class path; "
                + "found: test-declining, test-high, test-low, test-throwing, unloadable provider", e.getMessage());
    }

    @Test
    void forcingAMissingProviderByPropertyListsTheNamesFound() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, "mock");
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults(), List.of(low)));
        assertEquals("open multicast router: provider 'mock' was asked for but is not on the class path; "
                + "found: test-low", e.getMessage());
    }

    @Test
    void forcingAProviderWhenThereIsNoneSaysSo() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults().withProvider("mock"), List.of()));
        assertEquals("open multicast router: provider 'mock' was asked for but is not on the class path; "
                + "found: none", e.getMessage());
    }

    @Test
    void forcingADecliningProviderSaysWhyItDeclines() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.open(RouterOptions.defaults().withProvider("test-declining")));
        assertEquals("open multicast router: provider 'test-declining' was asked for but declines: "
                + "needs the test kernel, this is not it", e.getMessage());
    }

    @Test
    void forcingAFailingProviderReportsItsError() {
        System.setProperty(MulticastRouters.PROVIDER_PROPERTY, "test-throwing");
        MulticastRouterException e = assertThrows(MulticastRouterException.class, MulticastRouters::open);
        assertEquals("open multicast router: provider 'test-throwing' was asked for but declines: "
                + "failed to check support: java.lang.IllegalStateException: libmcroute.so missing", e.getMessage());
    }

    @Test
    void providerNamesAreMatchedExactly() {
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> MulticastRouters.choose(RouterOptions.defaults().withProvider("TEST-LOW"), List.of(low)));
        assertEquals("open multicast router: provider 'TEST-LOW' was asked for but is not on the class path; "
                + "found: test-low", e.getMessage());
    }
}
