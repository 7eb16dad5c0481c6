package dev.mcroute.freebsd;

/**
 * A failed system call of the {@link FreeBsdNative} layer: only the errno. The router turns it into
 * a {@link dev.mcroute.api.MulticastRouterException} that also names the call and its object.
 */
final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errno the call set. */
    private final int errno;

    /**
     * @param call  the system call, e.g. {@code setsockopt}
     * @param errno the errno it set
     */
    ErrnoException(String call, int errno) {
        super(call + ": " + FreeBsdErrno.name(errno) + " (" + FreeBsdErrno.description(errno) + ")");
        this.errno = errno;
    }

    /** @return the errno */
    int errno() {
        return errno;
    }
}
