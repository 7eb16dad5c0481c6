package dev.mcroute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.api.Family;
import dev.mcroute.api.MfcEntry;
import dev.mcroute.api.MulticastRouter;
import dev.mcroute.api.RouterOptions;
import dev.mcroute.api.SourceGroup;
import dev.mcroute.api.Vif;
import dev.mcroute.api.VifSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example of README.md, kept here so that it keeps compiling and passing. */
@ExtendWith(MockKernelExtension.class)
class ReadmeExampleTest {
    @Test
    void forwardsTheStreamToBothLans(MockKernel kernel) {
        kernel.addInterface("upstream");
        kernel.addInterface("lan1");
        kernel.addInterface("lan2");
        // what the code under test does; MulticastRouters.open(...withProvider("mock")) lands on this kernel too
        try (MulticastRouter router = kernel.openRouter(RouterOptions.defaults())) {
            Vif in = router.addVif(VifSpec.of(Family.IPV4, "upstream"));
            Vif lan1 = router.addVif(VifSpec.of(Family.IPV4, "lan1"));
            Vif lan2 = router.addVif(VifSpec.of(Family.IPV4, "lan2").withTtlThreshold(8));
            SourceGroup stream = SourceGroup.parse("10.0.0.5", "225.1.2.3");
            router.addRoute(MfcEntry.between(stream, in, List.of(lan1, lan2)));

            assertEquals(List.of("lan1", "lan2"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 16).outputs());
            assertEquals(List.of("lan1"), kernel.simulatePacket("upstream", "10.0.0.5", "225.1.2.3", 8).outputs());
            assertEquals(2, router.counters(stream).packets());
        }
    }
}
