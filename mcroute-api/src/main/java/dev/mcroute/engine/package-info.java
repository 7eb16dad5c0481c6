/**
 * The routing engine: static multicast routing rules (as in smcroute.conf) and the
 * {@link dev.mcroute.engine.Engine} that keeps a {@link dev.mcroute.api.MulticastRouter} in line
 * with them. Platform neutral: it runs on any provider, the testkit's mock included.
 */
package dev.mcroute.engine;
