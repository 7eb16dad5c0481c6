package dev.mcroute.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouterException;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.spi.MulticastRouterProvider;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Upcall;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FreeBsdProviderTest {
    private final AtomicInteger nativeLayersMade = new AtomicInteger();

    private Supplier<FreeBsdNative> counting(FreeBsdNative libc) {
        return () -> {
            nativeLayersMade.incrementAndGet();
            return libc;
        };
    }

    @Test
    void serviceLoaderFindsTheProviderByName() {
        MulticastRouterProvider found = MulticastRouters.providers().stream()
                .filter(p -> p.name().equals("freebsd")).findFirst().orElseThrow();

        assertTrue(found instanceof FreeBsdProvider);
        assertEquals(100, found.priority());
    }

    @Test
    void onLinuxItDeclinesAndNeverMakesTheNativeLayer() {
        FreeBsdProvider provider = new FreeBsdProvider("Linux", counting(null));

        assertEquals(Optional.of("needs FreeBSD, this is Linux"), provider.unsupportedReason());
        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> provider.open(RouterOptions.defaults()));
        assertEquals("open multicast router: needs FreeBSD, this is Linux", e.getMessage());
        assertEquals(0, nativeLayersMade.get());
    }

    @Test
    void theDefaultProviderDeclinesOnThisLinuxMachine() {
        String os = System.getProperty("os.name");
        assumeFalse(os.startsWith("FreeBSD"), "this test is about other systems");
        assertEquals(Optional.of("needs FreeBSD, this is " + os), new FreeBsdProvider().unsupportedReason());
    }

    @Test
    void onFreeBsdItOpensARouterAndItsReaderThread() {
        RecordingNative libc = new RecordingNative(Fixtures.interfaces());
        FreeBsdProvider provider = new FreeBsdProvider("FreeBSD", counting(libc));

        assertFalse(provider.unsupportedReason().isPresent());
        try (MulticastRouter router = provider.open(RouterOptions.defaults())) {
            assertEquals("freebsd", router.providerName());
            assertEquals(Fixtures.interfaces(), router.interfaces());
        }
        assertEquals(1, nativeLayersMade.get());
        assertEquals("close(5)", libc.calls().get(libc.calls().size() - 1));
    }

    @Test
    void aTableOtherThanZeroIsAClearErrorBeforeNativeCode() {
        FreeBsdProvider provider = new FreeBsdProvider("FreeBSD", counting(null));

        MulticastRouterException e = assertThrows(MulticastRouterException.class,
                () -> provider.open(RouterOptions.defaults().withTable(7)));
        assertEquals("table 7", e.subject());
        assertEquals(0, nativeLayersMade.get());
    }

    @Test
    void theReaderThreadDeliversUpcallsToListeners() throws InterruptedException {
        RecordingNative libc = new RecordingNative(Fixtures.interfaces());
        BlockingQueue<Upcall> seen = new LinkedBlockingQueue<>();
        try (MulticastRouter router = new FreeBsdProvider("FreeBSD", () -> libc).open(RouterOptions.defaults())) {
            router.onUpcall(seen::add);
            libc.queueRead(3, Fixtures.bytes("45 00 0054 1c46 4000 01 00 01 00 0a000009 e1010203"));

            // the timeout only keeps a broken reader from hanging the build
            assertEquals(new Upcall(Upcall.Type.NOCACHE, 1, SourceGroup.parse("10.0.0.9", "225.1.2.3")),
                    seen.poll(30, TimeUnit.SECONDS));
        }
    }
}
