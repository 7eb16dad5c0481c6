package dev.mcroute.daemon.control;

/** A request the router refused; the message is sent to the client as it is. */
public final class ControlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the operator */
    public ControlException(String message) {
        super(message);
    }
}
