package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RFC 4286 Multicast Router Discovery, as smcrouted's {@code -m SEC} and
 * {@code phyint IFNAME mrdisc} ask: on each enabled interface, Multicast Router Advertisements
 * (IGMP type 0x30) to All-Snoopers 224.0.0.106 with IP TTL 1 and the Router Alert option, so
 * IGMP-snooping switches forward multicast towards this router; and the same for MLD snooping
 * (ICMPv6 type 151 to ff02::6a, hop limit 1, Hop-by-Hop Router Alert) when the kernel has IPv6.
 *
 * <p>Timing (RFC 4286 section 3.1 defaults): when an interface is enabled (or comes back after
 * it was gone) {@value #MAX_INITIAL_ADVERTISEMENTS} advertisements go out, each after a random
 * delay of up to {@value #MAX_INITIAL_ADVERT_INTERVAL_MILLIS} ms; after that one every
 * AdvertisementInterval seconds, each interval moved by a random jitter of up to
 * {@value #ADVERTISEMENT_JITTER} of it either way. A Solicitation (IGMP type 0x31 to All-Routers
 * 224.0.0.2 with a valid checksum, or ICMPv6 type 152 to ff02::2) received on an enabled
 * interface brings that interface's next advertisement forward to a random time within
 * {@value #SOLICITED_MAX_DELAY_MILLIS} ms, at most one such reply per second per interface. When
 * an interface is disabled, and on close, a Termination (IGMP 0x32, ICMPv6 153) is sent on it.
 * The Query Interval and Robustness Variable fields are 0: this router does not run IGMP or MLD.
 * Interfaces that do not exist are retried every second; problems are logged once each
 * ({@link System.Logger}), not at every retry.
 *
 * <p>Threads and privileges: {@link #open} opens the raw IGMP and ICMPv6 sockets and needs
 * CAP_NET_RAW, so the daemon calls it before dropping privileges, in the network namespace to
 * serve. Nothing later needs a privilege. {@link #start} starts the one thread ("mrdisc") that
 * sends, receives and keeps the timers; {@link #update} and {@link #close} may be called from any
 * thread.
 */
public final class MrdiscAnnouncer implements AutoCloseable {

    /** smcrouted's default {@code -m}. */
    public static final int DEFAULT_INTERVAL_SECONDS = 20;
    /** RFC 4286 3.1.1: the AdvertisementInterval lies between 4 and 180 seconds. */
    public static final int MIN_INTERVAL_SECONDS = 4;
    /** RFC 4286 3.1.1. */
    public static final int MAX_INTERVAL_SECONDS = 180;
    /** RFC 4286 3.1.3 MaxInitialAdvertisementInterval, 2 seconds. */
    static final long MAX_INITIAL_ADVERT_INTERVAL_MILLIS = 2000;
    /** RFC 4286 3.1.4 MaxInitialAdvertisements. */
    static final int MAX_INITIAL_ADVERTISEMENTS = 3;
    /** RFC 4286 3.1.2 AdvertisementJitter, as a fraction of the interval. */
    static final double ADVERTISEMENT_JITTER = 0.025;
    /** Our choice: spreads the replies of several routers to one solicitation. */
    static final long SOLICITED_MAX_DELAY_MILLIS = 1000;
    private static final long SOLICITED_MIN_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ABSENT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    static final Inet4Address ALL_SNOOPERS = address(224, 0, 0, 106);
    static final Inet4Address ALL_ROUTERS = address(224, 0, 0, 2);

    private static final System.Logger LOG = System.getLogger(MrdiscAnnouncer.class.getName());

    private final int intervalSeconds;
    private final List<MrdChannel> channels;
    private final int wakeFd;
    private final AtomicReference<Set<String>> desired = new AtomicReference<>(Set.of());
    private final Map<Key, InterfaceState> states = new HashMap<>();
    private final Memory pollFds;
    private final Memory counter = new Memory(8);
    private volatile boolean closing;
    private Thread thread;

    private record Key(MrdChannel channel, String name) {}

    /** Per enabled interface and family; touched by the mrdisc thread only. */
    private static final class InterfaceState {
        final MrdChannel channel;
        final String name;
        int ifindex;
        int initialLeft = MAX_INITIAL_ADVERTISEMENTS;
        long nextDue;
        long lastSolicited;
        boolean solicitedAny;
        String lastProblem;

        InterfaceState(Key key, long nextDue) {
            this.channel = key.channel();
            this.name = key.name();
            this.nextDue = nextDue;
        }
    }

    private MrdiscAnnouncer(int intervalSeconds, List<MrdChannel> channels, int wakeFd) {
        this.intervalSeconds = intervalSeconds;
        this.channels = channels;
        this.wakeFd = wakeFd;
        this.pollFds = new Memory((channels.size() + 1L) * MrdiscLibc.POLLFD_SIZE);
    }

    /**
     * Opens the raw IGMP socket, and the ICMPv6 one unless the kernel lacks IPv6 (needs
     * CAP_NET_RAW: call before dropping privileges).
     *
     * @param intervalSeconds AdvertisementInterval, {@value #MIN_INTERVAL_SECONDS} to
     *                        {@value #MAX_INTERVAL_SECONDS}
     */
    public static MrdiscAnnouncer open(int intervalSeconds) throws IOException {
        if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("mrdisc interval " + intervalSeconds + " s is outside "
                    + MIN_INTERVAL_SECONDS + "-" + MAX_INTERVAL_SECONDS + " s (RFC 4286)");
        }
        List<MrdChannel> channels = new ArrayList<>();
        channels.add(IgmpSocket.open());
        try {
            channels.add(Icmp6Socket.open());
        } catch (IOException e) {
            LOG.log(Level.INFO, "mrdisc: IPv4 only, no IPv6 socket: " + e.getMessage());
        }
        int wakeFd = MrdiscLibc.INSTANCE.eventfd(0, MrdiscLibc.EFD_CLOEXEC | MrdiscLibc.EFD_NONBLOCK);
        if (wakeFd < 0) {
            int errno = Native.getLastError();
            channels.forEach(MrdChannel::close);
            throw IgmpSocket.error("eventfd", errno);
        }
        return new MrdiscAnnouncer(intervalSeconds, List.copyOf(channels), wakeFd);
    }

    /** Starts the mrdisc thread advertising on {@code interfaces} (names; absent ones are retried). */
    public synchronized void start(Collection<String> interfaces) {
        if (thread != null || closing) {
            throw new IllegalStateException("mrdisc announcer already started or closed");
        }
        desired.set(Set.copyOf(interfaces));
        thread = new Thread(this::run, "mrdisc");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Replaces the set of interfaces: new ones start with initial advertisements, removed ones
     * get a Termination; unchanged ones keep their timers (a reload does not restart them).
     */
    public synchronized void update(Collection<String> interfaces) {
        if (closing) {
            throw new IllegalStateException("mrdisc announcer is closed");
        }
        desired.set(Set.copyOf(interfaces));
        wake();
    }

    /** Sends a Termination on every enabled interface, stops the thread and closes the sockets. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        wake();
        if (thread != null) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        channels.forEach(MrdChannel::close);
        MrdiscLibc.INSTANCE.close(wakeFd);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    long now = System.nanoTime();
                    reconcile(desired.get(), now);
                    sendDue(now);
                    waitForWork(now);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "mrdisc: " + e.getMessage(), e);
                    sleepAfterError();
                }
            }
        } finally {
            for (InterfaceState state : states.values()) {
                terminate(state);
            }
            states.clear();
        }
    }

    private void reconcile(Set<String> wanted, long now) {
        for (Iterator<InterfaceState> it = states.values().iterator(); it.hasNext(); ) {
            InterfaceState state = it.next();
            if (!wanted.contains(state.name)) {
                terminate(state);
                it.remove();
            }
        }
        for (MrdChannel channel : channels) {
            for (String name : wanted) {
                states.computeIfAbsent(new Key(channel, name), key -> new InterfaceState(key, now + initialDelay()));
            }
        }
    }

    private void sendDue(long now) {
        for (InterfaceState state : states.values()) {
            if (now - state.nextDue < 0) {
                continue;
            }
            int ifindex = state.channel.indexOf(state.name);
            if (ifindex != state.ifindex) {
                state.ifindex = ifindex;
                if (ifindex != 0) {
                    joinAllRouters(state);
                }
            }
            if (ifindex == 0) {
                state.initialLeft = MAX_INITIAL_ADVERTISEMENTS;
                state.nextDue = now + ABSENT_RETRY_NANOS;
                problem(state, "interface " + state.name + " does not exist");
                continue;
            }
            try {
                state.channel.advertise(ifindex, intervalSeconds);
                problem(state, null);
            } catch (IOException e) {
                problem(state, e.getMessage());
            }
            if (state.initialLeft > 0) {
                state.initialLeft--;
            }
            state.nextDue = now + (state.initialLeft > 0 ? initialDelay() : periodicDelay());
        }
    }

    private void waitForWork(long now) throws IOException {
        long timeoutMillis = -1;
        for (InterfaceState state : states.values()) {
            long millis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(state.nextDue - now) + 1);
            timeoutMillis = timeoutMillis < 0 ? millis : Math.min(timeoutMillis, millis);
        }
        pollFds.clear();
        for (int i = 0; i <= channels.size(); i++) {
            pollFds.setInt((long) i * MrdiscLibc.POLLFD_SIZE, i < channels.size() ? channels.get(i).fd() : wakeFd);
            pollFds.setShort((long) i * MrdiscLibc.POLLFD_SIZE + 4, MrdiscLibc.POLLIN);
        }
        int ready = MrdiscLibc.INSTANCE.poll(pollFds, channels.size() + 1, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        if (ready < 0) {
            int errno = Native.getLastError();
            if (errno != 4 /* EINTR */) {
                throw IgmpSocket.error("poll", errno);
            }
            return;
        }
        if (readable(channels.size())) {
            MrdiscLibc.INSTANCE.read(wakeFd, counter, 8);
        }
        for (int i = 0; i < channels.size(); i++) {
            if (readable(i)) {
                MrdChannel channel = channels.get(i);
                for (int ifindex = channel.receiveSolicitation(); ifindex >= 0; ifindex = channel.receiveSolicitation()) {
                    if (ifindex > 0) {
                        onSolicitation(channel, ifindex, System.nanoTime());
                    }
                }
            }
        }
    }

    private boolean readable(int pollIndex) {
        return (pollFds.getShort((long) pollIndex * MrdiscLibc.POLLFD_SIZE + 6) & MrdiscLibc.POLLIN) != 0;
    }

    private void onSolicitation(MrdChannel channel, int ifindex, long now) {
        for (InterfaceState state : states.values()) {
            if (state.channel == channel && state.ifindex == ifindex
                    && (!state.solicitedAny || now - state.lastSolicited >= SOLICITED_MIN_SPACING_NANOS)) {
                state.solicitedAny = true;
                state.lastSolicited = now;
                long reply = now + TimeUnit.MILLISECONDS.toNanos(
                        ThreadLocalRandom.current().nextLong(SOLICITED_MAX_DELAY_MILLIS));
                if (reply - state.nextDue < 0) {
                    state.nextDue = reply;
                }
            }
        }
    }

    private void joinAllRouters(InterfaceState state) {
        try {
            state.channel.allRouters(state.ifindex, true);
        } catch (IOException e) {
            problem(state, e.getMessage() + " (solicitations on " + state.name + " are not seen)");
        }
    }

    private void terminate(InterfaceState state) {
        if (state.ifindex == 0 || state.ifindex != state.channel.indexOf(state.name)) {
            return;
        }
        try {
            state.channel.terminate(state.ifindex);
            state.channel.allRouters(state.ifindex, false);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "mrdisc " + state.channel.family() + ": termination on " + state.name + ": "
                    + e.getMessage());
        }
    }

    /** Logs a problem once, and its end once, instead of at every retry. */
    private static void problem(InterfaceState state, String problem) {
        if (Objects.equals(problem, state.lastProblem)) {
            return;
        }
        if (problem != null) {
            LOG.log(Level.WARNING, "mrdisc " + state.channel.family() + " on " + state.name + ": " + problem);
        } else {
            LOG.log(Level.INFO, "mrdisc " + state.channel.family() + " on " + state.name + ": advertising");
        }
        state.lastProblem = problem;
    }

    private static long initialDelay() {
        return TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(MAX_INITIAL_ADVERT_INTERVAL_MILLIS + 1));
    }

    private long periodicDelay() {
        double jitter = ThreadLocalRandom.current().nextDouble(-ADVERTISEMENT_JITTER, ADVERTISEMENT_JITTER);
        return (long) (TimeUnit.SECONDS.toNanos(intervalSeconds) * (1 + jitter));
    }

    private void wake() {
        Memory one = new Memory(8);
        one.setLong(0, 1);
        MrdiscLibc.INSTANCE.write(wakeFd, one, 8);
    }

    private static void sleepAfterError() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Inet4Address address(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }
}
