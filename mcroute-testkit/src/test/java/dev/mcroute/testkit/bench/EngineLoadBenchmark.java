package dev.mcroute.testkit.bench;

import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.engine.DesiredState;
import dev.mcroute.engine.Engine;
import dev.mcroute.engine.EngineOptions;
import dev.mcroute.engine.RouteRule;
import dev.mcroute.testkit.MockKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading N (S,G) rules into an empty engine, and reloading them with one changed: the engine's
 * share of a daemon start and of a HUP. Linear growth in N is the goal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class EngineLoadBenchmark {

    @Param({"10000", "100000"})
    public int routes;

    private DesiredState state;
    private DesiredState changed;
    private MulticastRouter router;
    private Engine engine;

    @Setup(Level.Trial)
    public void rules() {
        List<RouteRule> rules = new ArrayList<>(routes);
        for (int i = 0; i < routes; i++) {
            rules.add(RouteRule.of("eth0", "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff),
                    "225.1.1.1", "eth1"));
        }
        state = new DesiredState(List.of(), rules, List.of());
        List<RouteRule> other = new ArrayList<>(rules);
        other.set(routes / 2, RouteRule.of("eth0", rules.get(routes / 2).source().toString(), "225.1.1.1", "eth2"));
        changed = new DesiredState(List.of(), other, List.of());
    }

    @Setup(Level.Invocation)
    public void emptyEngine() {
        MockKernel kernel = new MockKernel();
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        kernel.addInterface("eth2");
        router = kernel.openRouter(RouterOptions.defaults());
        engine = new Engine(router, EngineOptions.defaults());
    }

    @TearDown(Level.Invocation)
    public void close() {
        engine.close();
        router.close();
    }

    @Benchmark
    public Object load() {
        return engine.apply(state);
    }

    @Benchmark
    public Object loadThenReloadWithOneChanged() {
        engine.apply(state);
        return engine.apply(changed);
    }
}
