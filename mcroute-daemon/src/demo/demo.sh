#!/usr/bin/env bash
# mcroute demo: routes real multicast between three network namespaces with our smcrouted.
#
#   sender ns  (snd0 10.0.1.2) --veth-- (r-in 10.0.1.1)  router ns  (r-out 10.0.2.1) --veth-- (rcv0 10.0.2.2)  receiver ns
#
# Builds the daemon if needed, starts it in the router namespace with a config holding one (S,G)
# route and one (*,G/16) template, sends to both groups, shows what arrived and `smcroutectl show`,
# then removes everything it created. Needs root, iproute2 and a JDK 17+.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dist="$repo/mcroute-daemon/target/dist"
work="$(mktemp -d /tmp/mcroute-demo.XXXXXX)"
ns_snd=mcdemo-snd ns_rtr=mcdemo-rtr ns_rcv=mcdemo-rcv
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ns in $ns_snd $ns_rtr $ns_rcv; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || { echo "demo: run as root (it creates network namespaces)" >&2; exit 1; }

if [ ! -x "$dist/bin/smcrouted" ]; then
  echo "== building mcroute (mvn -q -DskipTests package)"
  (cd "$repo" && mvn -B -q -DskipTests package -pl mcroute-daemon -am)
fi

echo "== creating namespaces $ns_snd, $ns_rtr, $ns_rcv"
for ns in $ns_snd $ns_rtr $ns_rcv; do ip netns del "$ns" 2>/dev/null || true; ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add snd0 netns $ns_snd type veth peer name r-in netns $ns_rtr
ip link add rcv0 netns $ns_rcv type veth peer name r-out netns $ns_rtr
ip -n $ns_snd addr add 10.0.1.2/24 dev snd0; ip -n $ns_snd link set snd0 up
ip -n $ns_rtr addr add 10.0.1.1/24 dev r-in; ip -n $ns_rtr link set r-in up
ip -n $ns_rtr addr add 10.0.2.1/24 dev r-out; ip -n $ns_rtr link set r-out up
ip -n $ns_rcv addr add 10.0.2.2/24 dev rcv0; ip -n $ns_rcv link set rcv0 up

cat > "$work/smcroute.conf" <<CONF
# one static (S,G) route and one (*,G) template for a whole /16 of groups
mroute from r-in source 10.0.1.2 group 225.1.2.3 to r-out
mroute from r-in group 225.3.0.0/16 to r-out
CONF
echo "== smcroute.conf"; cat "$work/smcroute.conf"

echo "== starting our smcrouted in $ns_rtr"
ip netns exec $ns_rtr "$dist/bin/smcrouted" -n -f "$work/smcroute.conf" -u "$work/smcroute.sock" -P "$work/smcroute.pid" -l info &
pids+=($!)
for _ in $(seq 100); do [ -f "$work/smcroute.pid" ] && break; sleep 0.1; done
[ -f "$work/smcroute.pid" ] || { echo "demo: smcrouted did not become ready" >&2; exit 1; }

echo "== receiving in $ns_rcv, sending from $ns_snd with TTL 5"
ip netns exec $ns_rcv java "$here/McastReceive.java" rcv0 225.1.2.3 5000 6 > "$work/rcv1.txt" &
pids+=($!)
ip netns exec $ns_rcv java "$here/McastReceive.java" rcv0 225.3.4.5 5000 6 > "$work/rcv2.txt" &
pids+=($!)
sleep 2
ip netns exec $ns_snd java "$here/McastSend.java" snd0 225.1.2.3 5000 5 5 &
ip netns exec $ns_snd java "$here/McastSend.java" snd0 225.3.4.5 5000 5 5
wait "${pids[1]}" "${pids[2]}"
echo "-- (S,G) 225.1.2.3:"; cat "$work/rcv1.txt"
echo "-- (*,G) template 225.3.0.0/16, stream to 225.3.4.5:"; cat "$work/rcv2.txt"

echo "== smcroutectl show routes (-d: with counters)"
ip netns exec $ns_rtr "$dist/bin/smcroutectl" -u "$work/smcroute.sock" -p -d show routes
echo "== smcroutectl show interfaces"
ip netns exec $ns_rtr "$dist/bin/smcroutectl" -u "$work/smcroute.sock" -p show interfaces
ip netns exec $ns_rtr "$dist/bin/smcroutectl" -u "$work/smcroute.sock" kill
echo "== done; removing namespaces"
