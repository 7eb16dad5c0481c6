package dev.mcroute.daemon.privileges;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * smcrouted's {@code -p USER[:GROUP]}: switches the running JVM from root to USER and GROUP
 * (default: USER's primary group; GROUP becomes the only supplementary group) and keeps
 * CAP_NET_ADMIN alone, effective and permitted.
 *
 * <h2>Why this is not just setresuid in a JVM</h2>
 * Capabilities, PR_SET_KEEPCAPS and {@code capset} are per thread; glibc's {@code setgroups},
 * {@code setresgid} and {@code setresuid} are applied by glibc to every thread of the process
 * (it signals each thread to make the system call itself). When a thread's uids all become
 * nonzero the kernel clears its permitted, effective and ambient sets unless that thread has
 * PR_SET_KEEPCAPS (man 7 capabilities, "Effect of user ID changes on capabilities"); ambient
 * capabilities are cleared too, so they do not help, and {@code capset} on another thread fails
 * on kernels with file capabilities (man 2 capset). So every thread that should keep
 * CAP_NET_ADMIN has to run PR_SET_KEEPCAPS before and {@code capset} after the uid change itself.
 * Two threads matter:
 * <ul>
 * <li>the <b>calling thread</b>: it keeps CAP_NET_ADMIN, and so does every thread it creates
 *     afterwards (a new thread copies its creator's credentials). Call {@link #dropTo} on the
 *     thread that owns the routing sockets (the engine's event loop), or before starting it;</li>
 * <li>the <b>thread-group leader</b>, whose credentials {@code /proc/PID/status}, {@code ps},
 *     {@code getpcaps PID} and systemd show. In a JVM it is the launcher's primordial thread,
 *     parked in {@code pthread_join}; {@link LeaderThread} makes it run the two steps from a
 *     real-time signal handler.</li>
 * </ul>
 * Every other thread that exists at the drop (JVM compiler and GC threads, other Java threads)
 * ends with the new uid and gid and no capabilities at all, which is what a thread that makes
 * no privileged calls should have. Before returning, the result is checked: uid and gid changed
 * on every thread in {@code /proc/self/task}, and effective = permitted = CAP_NET_ADMIN,
 * inheritable empty, on the caller and the leader.
 *
 * <p>Order for the daemon: open every socket that needs root first (raw IGMP/ICMPv6 sockets
 * need CAP_NET_RAW, MRT_TABLE and MRT_INIT need CAP_NET_ADMIN at the time, binding the IPC
 * socket and writing the PID file need root's file access), then drop. If the drop fails
 * half-way the process's privileges are mixed: exit.
 */
public final class PrivilegeDrop {

    private static final long NET_ADMIN_ONLY = 1L << PrivilegeLibc.CAP_NET_ADMIN;
    private static final int LOOKUP_BUFFER_SIZE = 16 * 1024;

    private PrivilegeDrop() {
    }

    /**
     * Resolves {@code USER[:GROUP]} as {@code -p} takes it.
     *
     * @throws PrivilegeDropException naming the user or group that does not exist, or the
     *                                malformed argument
     */
    public static UnixIdentity resolve(String userAndGroup) throws PrivilegeDropException {
        int colon = userAndGroup.indexOf(':');
        String user = colon < 0 ? userAndGroup : userAndGroup.substring(0, colon);
        String group = colon < 0 ? null : userAndGroup.substring(colon + 1);
        if (user.isEmpty() || (group != null && group.isEmpty())) {
            throw new PrivilegeDropException("invalid user '" + userAndGroup + "': expected USER or USER:GROUP");
        }
        Memory passwd = lookup("user", user, (m, buffer, result) -> PrivilegeLibc.INSTANCE.getpwnam_r(
                user, m, buffer, LOOKUP_BUFFER_SIZE, result), PrivilegeLibc.PASSWD_SIZE);
        int uid = passwd.getInt(PrivilegeLibc.PASSWD_UID_OFFSET);
        if (group == null) {
            int gid = passwd.getInt(PrivilegeLibc.PASSWD_GID_OFFSET);
            return new UnixIdentity(user, uid, groupName(gid), gid);
        }
        Memory entry = lookup("group", group, (m, buffer, result) -> PrivilegeLibc.INSTANCE.getgrnam_r(
                group, m, buffer, LOOKUP_BUFFER_SIZE, result), PrivilegeLibc.GROUP_SIZE);
        return new UnixIdentity(user, uid, group, entry.getInt(PrivilegeLibc.GROUP_GID_OFFSET));
    }

    /**
     * Switches the whole process to {@code identity} keeping only CAP_NET_ADMIN (see the class
     * description for which threads keep it). Must be called as root.
     *
     * @throws PrivilegeDropException naming the call that failed, or the check that did not hold
     */
    public static void dropTo(UnixIdentity identity) throws PrivilegeDropException {
        PrivilegeLibc libc = PrivilegeLibc.INSTANCE;
        int pid = libc.getpid();
        boolean callerIsLeader = libc.gettid() == pid;
        ThreadCapabilities netAdminOnly = new ThreadCapabilities(NET_ADMIN_ONLY, NET_ADMIN_ONLY, 0);
        try (LeaderThread leader = callerIsLeader ? null : LeaderThread.install()) {
            onBoth(leader, () -> ThreadCapabilities.keepOverUidChange(true));
            check(libc.setgroups(1, new int[] {identity.gid()}), "setgroups([" + identity.gid() + "])");
            check(libc.setresgid(identity.gid(), identity.gid(), identity.gid()), "setresgid(" + identity.gid() + ")");
            check(libc.setresuid(identity.uid(), identity.uid(), identity.uid()), "setresuid(" + identity.uid() + ")");
            onBoth(leader, () -> {
                netAdminOnly.applyToCallingThread();
                ThreadCapabilities.keepOverUidChange(false);
            });
        }
        verify(identity, pid, netAdminOnly);
    }

    /** The primary group's name for messages; its number when the group database lacks it. */
    private static String groupName(int gid) throws PrivilegeDropException {
        Memory entry = new Memory(PrivilegeLibc.GROUP_SIZE);
        Memory buffer = new Memory(LOOKUP_BUFFER_SIZE);
        Pointer[] result = new Pointer[1];
        int error = PrivilegeLibc.INSTANCE.getgrgid_r(gid, entry, buffer, LOOKUP_BUFFER_SIZE, result);
        if (error != 0) {
            throw PrivilegeDropException.ofErrno("looking up group " + Integer.toUnsignedString(gid), error);
        }
        return result[0] == null ? Integer.toUnsignedString(gid) : entry.getPointer(0).getString(0);
    }

    private static void onBoth(LeaderThread leader, LeaderThread.Step step) throws PrivilegeDropException {
        step.run();
        if (leader != null) {
            leader.run(step);
        }
    }

    private static void verify(UnixIdentity identity, int pid, ThreadCapabilities expected)
            throws PrivilegeDropException {
        for (int tid : new int[] {0, pid}) {
            ThreadCapabilities actual = ThreadCapabilities.of(tid);
            if (!actual.equals(expected)) {
                throw new PrivilegeDropException("after the drop, thread " + (tid == 0 ? "calling" : tid)
                        + " has " + actual + " instead of " + expected);
            }
        }
        String uids = "\t" + Integer.toUnsignedString(identity.uid());
        String gids = "\t" + Integer.toUnsignedString(identity.gid());
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                List<String> status;
                try {
                    status = Files.readAllLines(task.resolve("status"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                for (String line : status) {
                    if ((line.startsWith("Uid:") && !line.equals("Uid:" + uids.repeat(4)))
                            || (line.startsWith("Gid:") && !line.equals("Gid:" + gids.repeat(4)))) {
                        throw new PrivilegeDropException("after the drop, task " + task.getFileName()
                                + " still has " + line.replace('\t', ' '));
                    }
                }
            }
        } catch (IOException e) {
            throw new PrivilegeDropException("cannot read /proc/self/task after the drop: " + e.getMessage());
        }
    }

    private static void check(int result, String call) throws PrivilegeDropException {
        if (result != 0) {
            throw PrivilegeDropException.ofErrno(call, Native.getLastError());
        }
    }

    private interface Lookup {
        int call(Pointer entry, Pointer buffer, Pointer[] result);
    }

    private static Memory lookup(String kind, String name, Lookup lookup, int entrySize)
            throws PrivilegeDropException {
        Memory entry = new Memory(entrySize);
        Memory buffer = new Memory(LOOKUP_BUFFER_SIZE);
        Pointer[] result = new Pointer[1];
        int error = lookup.call(entry, buffer, result);
        if (error != 0) {
            throw PrivilegeDropException.ofErrno("looking up " + kind + " '" + name + "'", error);
        }
        if (result[0] == null) {
            throw new PrivilegeDropException("unknown " + kind + " '" + name + "'");
        }
        return entry;
    }
}
