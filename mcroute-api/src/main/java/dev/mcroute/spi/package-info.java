/**
 * The service provider interface: what a platform implementation of the multicast routing API
 * provides, and how it is found.
 */
package dev.mcroute.spi;
