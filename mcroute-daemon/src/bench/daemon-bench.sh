#!/usr/bin/env bash
# daemon-bench.sh: our smcrouted against Debian's C smcrouted, side by side (issue 7).
#
# Builds a sender | router | receiver topology in three network namespaces (mcb-snd, mcb-rtr,
# mcb-rcv; veth pairs), then runs OUR daemon (A) and the C daemon (B) alternately, A B A B, in the
# router namespace, each with its own -u socket, -P PID file and -f config in a temporary
# directory, in the foreground (-n). Prints every scenario with the median of both and ours/C.
# Needs root, a JDK 17 (java, javac) and, to build, Maven. Touches no root-namespace routing.
#
# Usage: daemon-bench.sh [-r REPS] [-c CYCLES] [-t SECONDS] [-o PARTS] [--install-c] [--ours-only] [--build] [-h]
#   -r REPS       repetitions of every scenario per daemon (default 3)
#   -o PARTS      run only these parts, comma-separated (default all): empty (ready, idle RSS, ctl,
#                 IPC adds, rejected adds), 1k (load, show, new flows, burst, reload), 10k, 100k, cycles
#   -c CYCLES     IPC add/remove cycles for the RSS growth test (default 100000)
#   -t SECONDS    give up waiting for a config's routes to reach the kernel (default 120)
#   --install-c   apt-get install -y smcroute when /usr/sbin/smcrouted is missing (its service
#                 in the root namespace is stopped and disabled again right away)
#   --ours-only   benchmark our daemon alone, even if the C one is installed
#   --build       rebuild our daemon even if mcroute-daemon/target/dist exists
set -euo pipefail

REPS=3
CYCLES=100000
LOAD_TIMEOUT=120
INSTALL_C=0
OURS_ONLY=0
FORCE_BUILD=0
PARTS=empty,1k,10k,100k,cycles
while [ $# -gt 0 ]; do
    case "$1" in
        -r) REPS=$2; shift 2 ;;
        -c) CYCLES=$2; shift 2 ;;
        -t) LOAD_TIMEOUT=$2; shift 2 ;;
        -o) PARTS=$2; shift 2 ;;
        --install-c) INSTALL_C=1; shift ;;
        --ours-only) OURS_ONLY=1; shift ;;
        --build) FORCE_BUILD=1; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1 (try -h)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "daemon-bench.sh: needs root (network namespaces)" >&2; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
DIST=$ROOT/mcroute-daemon/target/dist
C_DAEMON=/usr/sbin/smcrouted
C_CTL=/usr/sbin/smcroutectl
NS_S=mcb-snd NS_R=mcb-rtr NS_C=mcb-rcv

part() { [[ ",$PARTS," == *",$1,"* ]]; }
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# ------------------------------------------------------------------ prerequisites

if [ ! -x "$C_DAEMON" ] && [ "$OURS_ONLY" = 0 ]; then
    if [ "$INSTALL_C" = 1 ]; then
        log "installing Debian's smcroute (C reference)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y smcroute >&2
        # the package enables a service on the root namespace: we want none of that
        systemctl disable --now smcroute >/dev/null 2>&1 || true
    fi
fi
if [ "$OURS_ONLY" = 1 ] || [ ! -x "$C_DAEMON" ]; then
    KINDS="ours"
    echo "NOTE: C smcrouted not benchmarked (--ours-only, or not installed: use --install-c)."
else
    KINDS="ours c"
fi
if [ -x "$C_CTL" ]; then
    IPC_CLIENT=$C_CTL
else
    IPC_CLIENT=$DIST/bin/smcroutectl
    echo "NOTE: C smcroutectl missing: IPC scenarios use our smcroutectl."
fi

if [ "$FORCE_BUILD" = 1 ] || [ ! -x "$DIST/bin/smcrouted" ] || [ ! -f "$DIST/lib/mcroute-daemon.jar" ]; then
    log "building our daemon (mvn package -pl mcroute-daemon -am)"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl mcroute-daemon -am) >&2
fi

TMP=$(mktemp -d /tmp/mcb-bench.XXXXXX)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill -TERM "$p" 2>/dev/null || true
    done
    sleep 0.5
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill -KILL "$p" 2>/dev/null || true
    done
    for n in $NS_S $NS_R $NS_C; do
        ip netns del "$n" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP/cls"
# the probe counts routes from netlink notifications through JNA, from our dist
javac -cp "$DIST/lib/jna.jar" -d "$TMP/cls" "$HERE/McbProbe.java"
PROBE=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$TMP/cls:$DIST/lib/jna.jar" McbProbe)
probe() { "${PROBE[@]}" "$@"; }

# ------------------------------------------------------------------ topology

for n in $NS_S $NS_R $NS_C; do
    ip netns del "$n" 2>/dev/null || true
    ip netns add "$n"
    ip -n "$n" link set lo up
done
# created straight inside the namespaces: no interface ever appears in the root namespace
ip link add s0 netns $NS_S type veth peer name r0 netns $NS_R
ip link add c0 netns $NS_C type veth peer name r1 netns $NS_R
ip -n $NS_S addr add 10.77.1.2/24 dev s0
ip -n $NS_R addr add 10.77.1.1/24 dev r0
ip -n $NS_R addr add 10.77.2.1/24 dev r1
ip -n $NS_C addr add 10.77.2.2/24 dev c0
ip -n $NS_S link set s0 up
ip -n $NS_R link set r0 up
ip -n $NS_R link set r1 up
ip -n $NS_C link set c0 up
ip -n $NS_S route add 224.0.0.0/4 dev s0
ip -n $NS_C route add default via 10.77.2.1
ip netns exec $NS_C sysctl -qw net.ipv4.igmp_max_memberships=4096
ip netns exec $NS_R sysctl -qw net.ipv4.ip_forward=1

# ------------------------------------------------------------------ configs and IPC batches

SRC=10.77.1.2
FLOW_GROUP=226.0.0.1      # (S,G) carrying the 500 pkt/s flow during reloads
TEMPLATES="mroute from r0 group 225.1.0.0/16 to r1
mroute from r0 group 225.2.0.0/16 to r1"
# N (S,G) routes, from SRC to 227.x.y.z, plus the flow route
sg_config() {
    echo "mroute from r0 source $SRC group $FLOW_GROUP to r1"
    awk -v n="$1" -v s="$SRC" 'BEGIN { for (i = 1; i <= n; i++)
        printf "mroute from r0 source %s group 227.%d.%d.%d to r1\n", s, int(i/65536), int(i/256)%256, i%256 }'
}
: > "$TMP/empty.conf"
{ echo "$TEMPLATES"; sg_config 1000; } > "$TMP/1k.conf"
sg_config 10000 > "$TMP/10k.conf"
sg_config 100000 > "$TMP/100k.conf"
# the same configs with the last route moved to another group: "one route changed" on reload
for f in 1k 10k; do
    sed '$ s/group [0-9.]* /group 228.0.0.1 /' "$TMP/$f.conf" > "$TMP/$f-changed.conf"
done
awk -v s="$SRC" 'BEGIN { for (i = 1; i <= 1000; i++)
    printf "add r0 %s 225.3.%d.%d r1\n", s, int(i/256), i%256 }' > "$TMP/add1000.txt"
# a second batch of 1 000 for the same daemon, and 1 000 adds that both daemons reject before any
# routing work (not a multicast group): the cost of the IPC round trip and a command's parsing
awk -v s="$SRC" 'BEGIN { for (i = 1; i <= 1000; i++)
    printf "add r0 %s 225.5.%d.%d r1\n", s, int(i/256), i%256 }' > "$TMP/add1000-more.txt"
awk -v s="$SRC" 'BEGIN { for (i = 1; i <= 1000; i++)
    printf "add r0 %s 10.5.%d.%d r1\n", s, int(i/256), i%256 }' > "$TMP/rejected1000.txt"
# 1 000 of the 10 000 config routes removed over IPC
sg_config 1000 | awk 'NR > 1 { print "remove", $3, $5, $7 }' > "$TMP/remove1000.txt"
CYCLE_BATCH=$(( CYCLES < 10000 ? CYCLES : 10000 ))
awk -v s="$SRC" -v n="$CYCLE_BATCH" 'BEGIN { for (i = 1; i <= n; i++) {
    g = sprintf("225.4.%d.%d", int(i/256)%256, i%256)
    printf "add r0 %s %s r1\nremove r0 %s %s\n", s, g, s, g } }' > "$TMP/cycles.txt"

# ------------------------------------------------------------------ daemons

daemon_cmd() { # KIND CONF -> command line, in the router namespace
    local bin=$C_DAEMON
    [ "$1" = ours ] && bin=$DIST/bin/smcrouted
    echo ip netns exec $NS_R "$bin" -n -f "$2" -u "$TMP/$1.sock" -P "$TMP/$1.pid"
}

# start_daemon KIND CONF ROUTES [TIMEOUT_S]: sets PID READY_MS LOAD_MS (all ROUTES in the kernel,
# NaN after TIMEOUT_S) and MFC (kernel entries when the wait ended)
start_daemon() {
    local out
    rm -f "$TMP/$1.sock" "$TMP/$1.pid"
    # in the daemon's namespace, whose MFC notifications the probe counts
    # shellcheck disable=SC2046 # the command line is split on purpose
    out=$(ip netns exec $NS_R "${PROBE[@]}" start "$TMP/$1.pid" "$3" "${4:-$LOAD_TIMEOUT}" "$TMP/$1.log" \
        $(daemon_cmd "$1" "$2"))
    PID=$(sed 's/.*pid=\([0-9]*\).*/\1/' <<<"$out")
    PIDS+=("$PID")
    READY_MS=$(sed 's/.*ready_ms=\([^ ]*\).*/\1/' <<<"$out")
    LOAD_MS=$(sed 's/.*load_ms=\([^ ]*\).*/\1/' <<<"$out")
    MFC=$(sed 's/.*mfc=\([^ ]*\).*/\1/' <<<"$out")
    if [ "$3" != 0 ] && ! grep -q 'seen=netlink' <<<"$out"; then
        log "$1: the load's end was seen by reading the kernel table, up to ~0.2 s late: $out"
    fi
    # the probe shares the two cores with the daemon: what it spent measuring, for the record
    log "$1: $3 routes: ready ${READY_MS} ms, loaded ${LOAD_MS} ms; the probe used $(sed 's/.*probe_cpu_ms=\([0-9]*\).*/\1/' <<<"$out") ms of CPU meanwhile"
    if [ "$1" = ours ] && [ "$(cat /proc/"$PID"/comm)" != java ]; then
        echo "expected the JVM at PID $PID, found $(cat /proc/"$PID"/comm)" >&2; exit 1
    fi
}

stop_daemon() {
    local p kept=()
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 100); do [ -e /proc/"$PID" ] || break; sleep 0.1; done
    if [ -e /proc/"$PID" ]; then kill -KILL "$PID" 2>/dev/null || true; sleep 0.2; fi
    # forget it: the exit trap must never signal a PID number the system may have reused
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do [ "$p" = "$PID" ] || kept+=("$p"); done
    PIDS=("${kept[@]+"${kept[@]}"}")
}

rss_mib() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' /proc/"$PID"/status; }
mfc_count() { echo $(( $(wc -l < /proc/"$PID"/net/ip_mr_cache) - 1 )); }

# wall time of a command in ms (EPOCHREALTIME: no fork for the clock itself)
time_ms() {
    local t0=$EPOCHREALTIME t1
    "$@" > /dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }'
}
ctl_c() { ip netns exec $NS_R "$IPC_CLIENT" -u "$TMP/$1.sock" "${@:2}"; }
ctl_ours() { "$DIST/bin/smcroutectl" -u "$TMP/$1.sock" "${@:2}"; }
# median of the numbers on stdin; NaN stands for a wait that timed out and is left out
median_of() { tr ' ' '\n' | awk 'NF' | awk '/^-?nan$|^NaN$/ { t++; next } { print }
    END { if (t) print "timeout:" t > "/dev/stderr" }' 2>&1 | sort -g | awk '
    /^timeout:/ { t = 1; next } { v[++n] = $1 } END {
    if (n == 0) print (t ? "timeout" : "n/a"); else if (n % 2) print v[(n + 1) / 2]
    else printf "%.3f\n", (v[n/2] + v[n/2 + 1]) / 2 }'; }
repeat_ms() { # N CMD...: median of N runs
    local n=$1 all=""; shift
    for _ in $(seq "$n"); do all="$all $(time_ms "$@")"; done
    median_of <<<"$all"
}
kv() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }

declare -A R        # R[scenario|kind] = "value value ..."
add() { R["$1|$2"]="${R["$1|$2"]:-} $3"; log "result $1 $2 $3"; }

# ------------------------------------------------------------------ warm-up

# The archive holds the classes its first run loaded, and is written when that run exits. An
# installed daemon's first run is a real one (a config, IPC commands, reloads), so the warm-up
# does a little of each: a run that only started and stopped left the IPC command path out, and
# every later first command loaded and verified ~50 classes from the jars (~17 ms).
log "warm-up: our launchers create their class-data sharing archives on a first run of each kind of work"
head -50 "$TMP/10k.conf" > "$TMP/warm-up.conf"
start_daemon ours "$TMP/warm-up.conf" 50
ctl_c ours -b < <(head -3 "$TMP/add1000.txt"; head -2 "$TMP/add1000.txt" | sed 's/^add/remove/; s/ r1$//') \
    > /dev/null 2>&1 || true
ctl_ours ours show > /dev/null 2>&1 || true
probe hup "$PID" "$TMP/ours.pid" > /dev/null
stop_daemon
start_daemon ours "$TMP/empty.conf" 0
stop_daemon

# ------------------------------------------------------------------ scenarios

run_once() { # KIND
    local k=$1 out
    # in an if, not behind &&: errexit still applies inside the functions
    if part empty; then run_empty "$k"; fi
    if part 1k; then run_1k "$k"; fi
    if part 10k; then run_10k "$k"; fi
    if part 100k && [ "$k" = ours ] && [ "${R["load_100000_ms|ours"]:-}" != " NaN" ]; then
        run_100k "$k"
    fi
    return 0
}

run_empty() { # KIND
    local k=$1 out
    log "rep $rep/$REPS $k: empty config"
    start_daemon "$k" "$TMP/empty.conf" 0
    add ready_empty_ms "$k" "$READY_MS"
    sleep 1
    add rss_idle_mib "$k" "$(rss_mib)"
    add ours_ctl_show_ms "$k" "$(repeat_ms 5 ctl_ours "$k" show)"
    add ipc_1000_adds_ms "$k" "$(time_ms ctl_c "$k" -b < "$TMP/add1000.txt")"
    out=$(probe mfcwait "$PID" 1000 10)
    add ipc_1000_in_kernel "$k" "$(kv mfc "$out")"
    add ipc_1000_more_adds_ms "$k" "$(time_ms ctl_c "$k" -b < "$TMP/add1000-more.txt")"
    stop_daemon
    # the IPC floor, on a daemon of its own: the first commands it serves
    start_daemon "$k" "$TMP/empty.conf" 0
    sleep 1
    add ipc_1000_rejected_ms "$k" "$(time_ms ctl_c "$k" -b < "$TMP/rejected1000.txt")"
    stop_daemon
}

run_1k() { # KIND
    local k=$1 out
    log "rep $rep/$REPS $k: 1 000 (S,G) + (*,G) templates"
    cp "$TMP/1k.conf" "$TMP/$k-1k.conf"
    start_daemon "$k" "$TMP/$k-1k.conf" 1001
    add load_1000_ms "$k" "$LOAD_MS"
    add show_1000_ms "$k" "$(repeat_ms 5 ctl_c "$k" -p show routes)"
    out=$(ip netns exec $NS_S java -XX:+UseSerialGC -cp "$TMP/cls" McbProbe latency $NS_C c0 s0 200 10 225.1.0.1)
    add new_flow_p50_ms "$k" "$(kv first_p50_ms "$out")"
    add new_flow_p99_ms "$k" "$(kv first_p99_ms "$out")"
    add first_datagrams_lost "$k" "$(( 200 - $(kv first_recv "$out") ))"
    add existing_p50_ms "$k" "$(kv exist_p50_ms "$out")"
    add existing_p99_ms "$k" "$(kv exist_p99_ms "$out")"
    out=$(ip netns exec $NS_S java -XX:+UseSerialGC -cp "$TMP/cls" McbProbe burst $NS_C c0 s0 500 225.2.0.1)
    sleep 2
    add burst_500_installed "$k" "$(awk '$1 ~ /02E1$/ && NF >= 7' /proc/"$PID"/net/ip_mr_cache | wc -l)"
    add burst_500_received "$k" "$(kv first_recv "$out")"
    cp "$TMP/1k-changed.conf" "$TMP/$k-1k.conf"
    out=$(ip netns exec $NS_S java -XX:+UseSerialGC -cp "$TMP/cls" McbProbe reload $NS_C c0 s0 $FLOW_GROUP 500 "$PID" "$TMP/$k.pid")
    add reload_1000_ms "$k" "$(kv hup_ms "$out")"
    add reload_1000_lost "$k" "$(kv lost "$out")"
    stop_daemon
}

run_10k() { # KIND
    local k=$1 out
    log "rep $rep/$REPS $k: 10 000 (S,G)"
    cp "$TMP/10k.conf" "$TMP/$k-10k.conf"
    start_daemon "$k" "$TMP/$k-10k.conf" 10001
    add load_10000_ms "$k" "$LOAD_MS"
    if [ "$LOAD_MS" = NaN ]; then
        log "rep $rep/$REPS $k: 10 000 routes not loaded within ${LOAD_TIMEOUT} s, skipping show/RSS/reload"
        stop_daemon
        return 0
    fi
    add show_10000_ms "$k" "$(repeat_ms 3 ctl_c "$k" -p show routes)"
    sleep 1
    add rss_10000_mib "$k" "$(rss_mib)"
    cp "$TMP/10k-changed.conf" "$TMP/$k-10k.conf"
    out=$(ip netns exec $NS_S java -XX:+UseSerialGC -cp "$TMP/cls" McbProbe reload $NS_C c0 s0 $FLOW_GROUP 500 "$PID" "$TMP/$k.pid")
    add reload_10000_ms "$k" "$(kv hup_ms "$out")"
    add reload_10000_lost "$k" "$(kv lost "$out")"
    add ipc_1000_removes_of_10000_ms "$k" "$(time_ms ctl_c "$k" -b < "$TMP/remove1000.txt")"
    add ipc_1000_removes_left "$k" "$(mfc_count)"
    stop_daemon
}

run_100k() { # KIND
    local k=$1
    log "rep $rep/$REPS $k: 100 000 (S,G) (not repeated if it times out)"
    start_daemon "$k" "$TMP/100k.conf" 100001
    add load_100000_ms "$k" "$LOAD_MS"
    add load_100000_in_kernel "$k" "$MFC"
    add rss_100000_mib "$k" "$(rss_mib)"
    stop_daemon
}

for rep in $(seq "$REPS"); do
    for k in $KINDS; do run_once "$k"; done
done

# RSS growth over add/remove cycles through IPC, once per daemon (slow)
for k in $KINDS; do
    part cycles || break
    log "$k: $CYCLES add/remove cycles over IPC, batches of $CYCLE_BATCH"
    start_daemon "$k" "$TMP/empty.conf" 0
    sleep 1
    add cycles_rss_start_mib "$k" "$(rss_mib)"
    done_cycles=0 batch=0 t_all=0
    while [ $done_cycles -lt "$CYCLES" ]; do
        t=$(time_ms ctl_c "$k" -b < "$TMP/cycles.txt")
        t_all=$(awk -v a="$t_all" -v b="$t" 'BEGIN { print a + b }')
        done_cycles=$(( done_cycles + CYCLE_BATCH )) batch=$(( batch + 1 ))
        if [ $batch = 1 ]; then add cycles_rss_after_first_batch_mib "$k" "$(rss_mib)"; fi
    done
    add cycles_rss_end_mib "$k" "$(rss_mib)"
    add cycles_mfc_left "$k" "$(mfc_count)"
    add cycles_us_per_cycle "$k" "$(awk -v t="$t_all" -v n="$done_cycles" 'BEGIN { printf "%.1f", t * 1000 / n }')"
    stop_daemon
done

# ------------------------------------------------------------------ report

SCENARIOS="ready_empty_ms|<= 350 ms wall (absolute)
load_1000_ms|
load_10000_ms|<= 0.1x
load_100000_ms|< 10x load_10000 (ours)
load_100000_in_kernel|100001 (when load ends)
ipc_1000_adds_ms|<= 1.0x
ipc_1000_in_kernel|1000
ipc_1000_more_adds_ms|
ipc_1000_rejected_ms|
show_1000_ms|
show_10000_ms|<= 1.0x
ours_ctl_show_ms|<= 200 ms (our client)
new_flow_p50_ms|<= 1.2x
new_flow_p99_ms|
first_datagrams_lost|0
existing_p50_ms|
existing_p99_ms|
burst_500_installed|500
burst_500_received|
reload_1000_ms|<= 1.0x
reload_1000_lost|0
reload_10000_ms|<= 1.0x
reload_10000_lost|0
ipc_1000_removes_of_10000_ms|
ipc_1000_removes_left|9001
rss_idle_mib|<= 48 MiB
rss_10000_mib|<= 64 MiB
rss_100000_mib|
cycles_rss_start_mib|
cycles_rss_after_first_batch_mib|
cycles_rss_end_mib|no growth
cycles_mfc_left|0
cycles_us_per_cycle|"

echo
echo "mcroute daemon benchmark, $(date -u '+%F %T') UTC, $(nproc) CPUs, kernel $(uname -r),"
echo "$(java -version 2>&1 | head -1), reps=$REPS, cycles=$CYCLES, IPC client: $IPC_CLIENT"
printf '%-34s %12s %12s %8s   %-28s %s\n' scenario ours C ours/C target "runs (ours | C)"
while IFS='|' read -r s target; do
    o=$(median_of <<<"${R["$s|ours"]:-}")
    c=$(median_of <<<"${R["$s|c"]:-}")
    ratio=$(awk -v a="$o" -v b="$c" 'BEGIN { if (a+0 == a && b+0 == b && b != 0) printf "%.2f", a / b; else print "-" }')
    printf '%-34s %12s %12s %8s   %-28s %s |%s\n' "$s" "$o" "$c" "$ratio" "$target" \
        "${R["$s|ours"]:-}" "${R["$s|c"]:-}"
done <<<"$SCENARIOS"
o10=$(median_of <<<"${R["load_10000_ms|ours"]:-}")
o100=$(median_of <<<"${R["load_100000_ms|ours"]:-}")
awk -v a="$o100" -v b="$o10" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) r = sprintf("%.2f", a / b); else r = a " / " b
    printf "linearity: load_100000 / load_10000 (ours) = %s (target < 10)\n", r }'
