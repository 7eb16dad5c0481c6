package dev.mcroute.daemon.privileges;

import java.io.IOException;

/**
 * A privilege drop that could not be done: an unknown user or group, or a system call that
 * failed (the message names the call, its arguments and the error).
 */
public final class PrivilegeDropException extends IOException {

    private static final long serialVersionUID = 1L;

    PrivilegeDropException(String message) {
        super(message);
    }

    static PrivilegeDropException ofErrno(String call, int errno) {
        return new PrivilegeDropException(call + " failed: " + PrivilegeLibc.INSTANCE.strerror(errno)
                + " (errno " + errno + ")");
    }
}
