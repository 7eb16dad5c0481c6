package dev.mcroute.daemon.privileges;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * The calling thread's (or, for reading, any thread's) capability sets through
 * {@code capget}/{@code capset} with {@code _LINUX_CAPABILITY_VERSION_3}: a header
 * {@code {u32 version; s32 pid}} and two {@code {u32 effective, permitted, inheritable}} words
 * (capabilities 0-31, then 32-63).
 *
 * @param effective   the effective set as a bit mask (bit N = capability N)
 * @param permitted   the permitted set
 * @param inheritable the inheritable set
 */
record ThreadCapabilities(long effective, long permitted, long inheritable) {

    private static final int HEADER_SIZE = 8;
    private static final int DATA_SIZE = 2 * 12;

    /** Reads the sets of thread {@code tid} (0 = the caller); capget works on any thread. */
    static ThreadCapabilities of(int tid) throws PrivilegeDropException {
        Memory header = header(tid);
        Memory data = new Memory(DATA_SIZE);
        data.clear();
        if (PrivilegeLibc.INSTANCE.capget(header, data) != 0) {
            throw PrivilegeDropException.ofErrno("capget(tid " + tid + ")", Native.getLastError());
        }
        return new ThreadCapabilities(word(data, 0), word(data, 4), word(data, 8));
    }

    /** Sets the calling thread's sets; capset cannot change another thread on current kernels. */
    void applyToCallingThread() throws PrivilegeDropException {
        Memory data = new Memory(DATA_SIZE);
        long[] sets = {effective, permitted, inheritable};
        for (int i = 0; i < sets.length; i++) {
            data.setInt(4L * i, (int) sets[i]);
            data.setInt(12 + 4L * i, (int) (sets[i] >>> 32));
        }
        if (PrivilegeLibc.INSTANCE.capset(header(0), data) != 0) {
            throw PrivilegeDropException.ofErrno("capset(effective=permitted=" + Long.toHexString(permitted)
                    + ", tid " + PrivilegeLibc.INSTANCE.gettid() + ")", Native.getLastError());
        }
    }

    /** PR_SET_KEEPCAPS on the calling thread: whether its permitted set survives the uid change. */
    static void keepOverUidChange(boolean keep) throws PrivilegeDropException {
        if (PrivilegeLibc.INSTANCE.prctl(PrivilegeLibc.PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0) != 0) {
            throw PrivilegeDropException.ofErrno("prctl(PR_SET_KEEPCAPS, " + (keep ? 1 : 0) + ", tid "
                    + PrivilegeLibc.INSTANCE.gettid() + ")", Native.getLastError());
        }
    }

    private static Memory header(int tid) {
        Memory header = new Memory(HEADER_SIZE);
        header.setInt(0, PrivilegeLibc.LINUX_CAPABILITY_VERSION_3);
        header.setInt(4, tid);
        return header;
    }

    private static long word(Memory data, int offset) {
        return Integer.toUnsignedLong(data.getInt(offset)) | Integer.toUnsignedLong(data.getInt(12 + offset)) << 32;
    }
}
