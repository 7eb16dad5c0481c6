/**
 * The mock provider ({@code mock}): an in-memory kernel for unit tests of multicast routing code
 * without root, and a JUnit 5 extension that hands each test a fresh one.
 */
module dev.mcroute.testkit {
    // transitive: the testkit's public types speak in API types (NetInterface, Upcall, ...)
    requires transitive dev.mcroute.api;
    // static: only the JUnit extension needs JUnit, and only tests that use it have it;
    // transitive: the extension's public type implements JUnit interfaces
    requires static transitive org.junit.jupiter.api;

    // setns(2) for the network-namespace helpers
    requires com.sun.jna;

    exports dev.mcroute.testkit;
    exports dev.mcroute.testkit.netns;

    provides dev.mcroute.spi.MulticastRouterProvider with dev.mcroute.testkit.MockProvider;
}
