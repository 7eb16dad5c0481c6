/**
 * The FreeBSD provider of mcroute: IPv4 and IPv6 multicast routing on FreeBSD's kernel through JNA.
 */
module dev.mcroute.freebsd {
    requires dev.mcroute.api;
    requires com.sun.jna;

    provides dev.mcroute.spi.MulticastRouterProvider with dev.mcroute.freebsd.FreeBsdProvider;
}
