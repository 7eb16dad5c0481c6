package dev.mcroute.testkit;

import dev.mcroute.api.MulticastRouterException;

/** The Linux errno values the mock kernel answers with, and their {@code strerror(3)} texts. */
enum Errno {
    EBADF(9, "Bad file descriptor"),
    ENODEV(19, "No such device"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address");

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /**
     * @param operation the kernel call, e.g. {@code MRT_ADD_VIF}
     * @param subject   what it was about
     * @param hint      why, in the terms of the call
     * @return the exception a real provider would throw for this errno
     */
    MulticastRouterException exception(String operation, String subject, String hint) {
        return new MulticastRouterException(operation, subject, number, name(), text + ": " + hint);
    }
}
