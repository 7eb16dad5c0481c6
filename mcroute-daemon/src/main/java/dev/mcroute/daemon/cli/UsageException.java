package dev.mcroute.daemon.cli;

/** A command line that cannot be used; the message names the bad argument. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the argument */
    public UsageException(String message) {
        super(message);
    }
}
