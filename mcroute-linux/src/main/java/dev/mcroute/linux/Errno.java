package dev.mcroute.linux;

import com.sun.jna.Native;
import dev.mcroute.api.MulticastRouterException;

/** Linux errno numbers, their names (from asm-generic/errno*.h), and the exceptions built from them. */
final class Errno {
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int ENFILE = 23;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENOBUFS = 105;

    /** Index i holds the name of errno i + 1. */
    private static final String[] NAMES = {
        "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC",
        "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY",
        "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE",
        "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE",
        "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP",
        null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG",
        "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC",
        "EBADSLT", null, "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET",
        "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP",
        "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC", "ELIBBAD",
        "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK",
        "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT",
        "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET",
        "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN",
        "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM",
        "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED",
        "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"
    };

    private Errno() {
    }

    /**
     * @param errno an errno number
     * @return its symbolic name, e.g. {@code ENOENT}, or {@code errno N} for an unknown number
     */
    static String name(int errno) {
        if (errno >= 1 && errno <= NAMES.length && NAMES[errno - 1] != null) {
            return NAMES[errno - 1];
        }
        return "errno " + errno;
    }

    /** @return the errno of the last failed native call on this thread */
    static int last() {
        return Native.getLastError();
    }

    /**
     * @param operation the call, e.g. {@code MRT_ADD_MFC}
     * @param subject   what it was about
     * @param errno     the errno it failed with
     * @return the exception, described by strerror(3)
     */
    static MulticastRouterException exception(String operation, String subject, int errno) {
        return new MulticastRouterException(operation, subject, errno, name(errno), Libc.strerror(errno));
    }

    /**
     * @param operation the call, e.g. {@code MRT_ADD_MFC}
     * @param subject   what it was about
     * @param errno     the errno it failed with
     * @param hint      what it means here, for the user
     * @return the exception, described by the hint
     */
    static MulticastRouterException exception(String operation, String subject, int errno, String hint) {
        return new MulticastRouterException(operation, subject, errno, name(errno), hint);
    }
}
