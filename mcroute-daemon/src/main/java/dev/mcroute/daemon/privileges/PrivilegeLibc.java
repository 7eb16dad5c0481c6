package dev.mcroute.daemon.privileges;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The glibc calls a privilege drop needs (Linux, LP64). Interface mapping: every call here runs
 * once per daemon life, so the per-call cost of interface mapping does not matter.
 * Each call returns -1 (or an error number for the {@code _r} look-ups) and leaves errno in
 * {@link Native#getLastError()}.
 */
interface PrivilegeLibc extends Library {

    PrivilegeLibc INSTANCE = Native.load("c", PrivilegeLibc.class);

    /** {@code <sys/prctl.h>}: PR_SET_KEEPCAPS. */
    int PR_SET_KEEPCAPS = 8;
    /** {@code <sys/prctl.h>}: PR_GET_KEEPCAPS. */
    int PR_GET_KEEPCAPS = 7;
    /** {@code <linux/capability.h>}: _LINUX_CAPABILITY_VERSION_3 (two 32-bit data words). */
    int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** {@code <linux/capability.h>}: CAP_NET_ADMIN. */
    int CAP_NET_ADMIN = 12;
    /** {@code <signal.h>}: SA_RESTART, so the leader's interrupted pthread_join just resumes. */
    int SA_RESTART = 0x10000000;
    /** {@code sizeof(struct sigaction)} on x86_64 and aarch64 glibc. */
    int SIGACTION_SIZE = 152;
    /** {@code offsetof(struct sigaction, sa_flags)}. */
    int SIGACTION_FLAGS_OFFSET = 136;
    /** {@code sizeof(struct passwd)}. */
    int PASSWD_SIZE = 48;
    /** {@code offsetof(struct passwd, pw_uid)}; pw_gid follows at +4. */
    int PASSWD_UID_OFFSET = 16;
    /** {@code offsetof(struct passwd, pw_gid)}. */
    int PASSWD_GID_OFFSET = 20;
    /** {@code sizeof(struct group)}. */
    int GROUP_SIZE = 32;
    /** {@code offsetof(struct group, gr_gid)}. */
    int GROUP_GID_OFFSET = 16;

    /** A signal handler as {@code sa_handler} receives it. */
    interface SignalHandler extends Callback {
        void invoke(int signal);
    }

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int capget(Pointer header, Pointer data);

    int capset(Pointer header, Pointer data);

    int setgroups(long size, int[] groups);

    int setresgid(int rgid, int egid, int sgid);

    int setresuid(int ruid, int euid, int suid);

    int getpwnam_r(String name, Pointer passwd, Pointer buffer, long bufferLength, Pointer[] result);

    int getgrnam_r(String name, Pointer group, Pointer buffer, long bufferLength, Pointer[] result);

    int getgrgid_r(int gid, Pointer group, Pointer buffer, long bufferLength, Pointer[] result);

    int getpid();

    int gettid();

    int tgkill(int tgid, int tid, int signal);

    int sigaction(int signal, Pointer action, Pointer oldAction);

    int __libc_current_sigrtmin();

    int __libc_current_sigrtmax();

    String strerror(int errno);
}
