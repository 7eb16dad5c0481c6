package dev.mcroute.testkit.bench;

import dev.mcroute.api.Family;
import dev.mcroute.api.InetAddresses;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import dev.mcroute.testkit.MockKernel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The library's route calls against the mock kernel: what the API layer costs without a kernel,
 * to set beside the Linux figures of mcroute-linux's benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MockRouterBenchmark {

    private MulticastRouter router;
    private MfcEntry entry;

    @Setup
    public void open() {
        MockKernel kernel = new MockKernel();
        kernel.addInterface("eth0");
        kernel.addInterface("eth1");
        router = kernel.openRouter(RouterOptions.defaults().withFamilies(Family.IPV4));
        Vif in = router.addVif(VifSpec.of(Family.IPV4, "eth0"));
        Vif out = router.addVif(VifSpec.of(Family.IPV4, "eth1"));
        entry = MfcEntry.between(new SourceGroup(InetAddresses.parse("10.0.0.1"), InetAddresses.parse("225.1.2.3")),
                in, List.of(out));
    }

    @TearDown
    public void close() {
        router.close();
    }

    /** One add and one remove of the same route: the cycle a template route goes through. */
    @Benchmark
    public boolean addAndRemoveRoute() {
        router.addRoute(entry);
        return router.removeRoute(entry.key());
    }
}
