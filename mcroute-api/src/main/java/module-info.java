/**
 * The mcroute API: platform-neutral multicast routing, its provider SPI, and the routing engine.
 */
module dev.mcroute.api {
    exports dev.mcroute.api;
    exports dev.mcroute.spi;
    exports dev.mcroute.engine;

    uses dev.mcroute.spi.MulticastRouterProvider;
}
