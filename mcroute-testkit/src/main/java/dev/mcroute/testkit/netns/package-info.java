/**
 * Network namespaces for kernel tests: create and delete namespaces and veth pairs with
 * iproute2, run code on a thread that entered a namespace with setns(2), and send and receive
 * real UDP multicast there.
 */
package dev.mcroute.testkit.netns;
