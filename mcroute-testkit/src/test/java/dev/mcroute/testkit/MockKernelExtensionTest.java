package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.MulticastRouters;
import dev.mcroute.api.RouterOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@ExtendWith(MockKernelExtension.class)
class MockKernelExtensionTest {
    private MockKernel kernelBeforeEach;

    @BeforeEach
    void capture(MockKernel kernel) {
        kernelBeforeEach = kernel;
    }

    @Test
    void theTestGetsTheKernelOfItsBeforeEachAndItIsTheDefault(MockKernel kernel) {
        assertSame(kernelBeforeEach, kernel);
        assertSame(kernel, MockKernel.defaultKernel());
    }

    @Test
    void eachTestGetsAFreshKernelAndTheDefaultIsRestoredAfterwards(MockKernel kernel) {
        TwoTests.seen.clear();
        Events events = run(TwoTests.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertEquals(2, TwoTests.seen.size());
        assertNotSame(TwoTests.seen.get(0), TwoTests.seen.get(1));
        assertSame(kernel, MockKernel.defaultKernel());
    }

    @Test
    void aTestThatLeavesARouterOpenFailsAndTheRouterIsClosed() {
        Events events = run(LeakingTest.class);

        events.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertTrue(failure.getMessage().startsWith("the test left 1 router(s) open, now closed: [mock router on table 9"),
                failure.getMessage());
        assertEquals(List.of(), LeakingTest.kernel.openRouters());
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    /** Run only through {@link EngineTestKit} (surefire skips nested classes). */
    @ExtendWith(MockKernelExtension.class)
    static class TwoTests {
        static final List<MockKernel> seen = new ArrayList<>();

        @Test
        void first(MockKernel kernel) {
            kernel.addInterface("eth0");
            seen.add(kernel);
        }

        @Test
        void second(MockKernel kernel) {
            assertEquals(1, kernel.interfaces().size());
            seen.add(kernel);
        }
    }

    /** Run only through {@link EngineTestKit}: opens a router through the provider and forgets it. */
    @ExtendWith(MockKernelExtension.class)
    static class LeakingTest {
        static MockKernel kernel;

        @Test
        void leaks(MockKernel kernel) {
            LeakingTest.kernel = kernel;
            MulticastRouter forgotten = MulticastRouters.open(RouterOptions.defaults().withProvider("mock").withTable(9));
            assertEquals("mock", forgotten.providerName());
        }
    }
}
