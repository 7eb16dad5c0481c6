package dev.mcroute.spi;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import java.util.List;
import java.util.Optional;

/** A provider with a fixed name, priority and answer to whether it is supported. */
public abstract class TestProvider implements MulticastRouterProvider {
    private final String name;
    private final int priority;

    protected TestProvider(String name, int priority) {
        this.name = name;
        this.priority = priority;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Optional.empty();
    }

    @Override
    public MulticastRouter open(RouterOptions options) {
        return new FakeRouter(name, options, List.of(), List.of());
    }

    /** Supported, low priority. */
    public static final class Low extends TestProvider {
        /** Called by ServiceLoader. */
        public Low() {
            super("test-low", 10);
        }
    }

    /** Supported, the highest priority of the supported ones: the automatic choice. */
    public static final class High extends TestProvider {
        /** Called by ServiceLoader. */
        public High() {
            super("test-high", 20);
        }
    }

    /** Higher priority than any supported one, but declines. */
    public static final class Declining extends TestProvider {
        /** The reason it gives. */
        public static final String REASON = "needs the test kernel, this is not it";

        /** Called by ServiceLoader. */
        public Declining() {
            super("test-declining", 100);
        }

        @Override
        public Optional<String> unsupportedReason() {
            return Optional.of(REASON);
        }
    }

    /** Highest priority, but fails while checking support, as a provider whose native library is missing. */
    public static final class Throwing extends TestProvider {
        /** Called by ServiceLoader. */
        public Throwing() {
            super("test-throwing", 200);
        }

        @Override
        public Optional<String> unsupportedReason() {
            throw new IllegalStateException("libmcroute.so missing");
        }
    }
}
