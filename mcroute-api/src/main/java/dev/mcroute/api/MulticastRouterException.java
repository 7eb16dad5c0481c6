package dev.mcroute.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A failed multicast routing operation, naming the call, the object it was about and, for kernel
 * errors, the errno, e.g. {@code MRT_ADD_MFC (10.0.0.1, 225.1.2.3) on table 0: ENOENT (No such file or directory)}.
 */
public class MulticastRouterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The call or operation that failed, e.g. {@code MRT_ADD_MFC}. */
    private final String operation;
    /** The object it was applied to, e.g. a route or an interface. */
    private final String subject;
    /** The errno, or 0 when the failure did not come from the kernel. */
    private final int errno;
    /** The errno's symbolic name, e.g. {@code EADDRINUSE}, or {@code null}. */
    private final String errnoName;

    /**
     * A kernel call that failed with an errno.
     *
     * @param operation   the call, e.g. {@code MRT_ADD_MFC}
     * @param subject     what it was about, e.g. {@code (10.0.0.1, 225.1.2.3) on table 0}
     * @param errno       the platform's errno number
     * @param errnoName   its symbolic name, e.g. {@code ENOENT}
     * @param description what it means, e.g. from {@code strerror(3)} or a hint for the user
     */
    public MulticastRouterException(String operation, String subject, int errno, String errnoName, String description) {
        super(operation + " " + subject + ": " + errnoName + " (" + description + ")");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.errno = errno;
        this.errnoName = Objects.requireNonNull(errnoName, "errnoName");
    }

    /**
     * A failure without an errno.
     *
     * @param operation what was attempted
     * @param subject   what it was about
     * @param reason    why it failed
     */
    public MulticastRouterException(String operation, String subject, String reason) {
        super(operation + " " + subject + ": " + reason);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.errno = 0;
        this.errnoName = null;
    }

    /** @return the call or operation that failed */
    public String operation() {
        return operation;
    }

    /** @return the object it was about */
    public String subject() {
        return subject;
    }

    /** @return the errno number, or 0 when the failure did not come from the kernel */
    public int errno() {
        return errno;
    }

    /** @return the symbolic errno, e.g. {@code EADDRINUSE}, when the failure came from the kernel */
    public Optional<String> errnoName() {
        return Optional.ofNullable(errnoName);
    }
}
