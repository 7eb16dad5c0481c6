/** The Linux provider of mcroute: multicast routing through JNA, found by the ServiceLoader. */
module dev.mcroute.linux {
    requires dev.mcroute.api;
    requires com.sun.jna;

    provides dev.mcroute.spi.MulticastRouterProvider with dev.mcroute.linux.LinuxMulticastRouterProvider;
}
