package dev.mcroute.testkit;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.spi.MulticastRouterProvider;
import java.util.Optional;

/**
 * The {@code mock} provider: opens routers on {@link MockKernel#defaultKernel()}.
 *
 * <p>It is supported everywhere but has the lowest possible priority, so a real provider on the
 * class path wins; select it with {@code RouterOptions.withProvider("mock")} or
 * {@code -Dmcroute.provider=mock}. Because it never declines, keep {@code mcroute-testkit} in
 * test scope: in a deployment without a real provider it would otherwise be picked silently.
 */
public final class MockProvider implements MulticastRouterProvider {
    /** The provider's name. */
    public static final String NAME = "mock";

    /** For {@link java.util.ServiceLoader}. */
    public MockProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public MulticastRouter open(RouterOptions options) {
        return MockKernel.defaultKernel().openRouter(options);
    }
}
