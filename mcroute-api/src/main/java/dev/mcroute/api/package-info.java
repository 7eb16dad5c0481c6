/**
 * The platform-neutral multicast routing API: open a {@link dev.mcroute.api.MulticastRouter} with
 * {@link dev.mcroute.api.MulticastRouters#open(dev.mcroute.api.RouterOptions)}, add
 * {@link dev.mcroute.api.Vif}s and {@link dev.mcroute.api.MfcEntry} routes, listen to
 * {@link dev.mcroute.api.Upcall}s and interface events, and join groups through
 * {@link dev.mcroute.api.GroupMembership}. All values are immutable records that validate
 * themselves on construction.
 */
package dev.mcroute.api;
