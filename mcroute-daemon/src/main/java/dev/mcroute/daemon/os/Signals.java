package dev.mcroute.daemon.os;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported), reached by
 * reflection so the build stays free of internal-API warnings. A handler replaces the JVM's own
 * (for TERM/INT that means no shutdown-hook exit: the daemon exits cleanly by itself). Handlers
 * run on a JVM thread: they should only hand work to the event loop.
 */
public final class Signals {
    /** Makes the handlers: built once, as each {@code metafactory} call spins a class of its own. */
    private static MethodHandle handlerFactory;

    private Signals() {
    }

    /**
     * @param name    signal name without SIG, e.g. {@code HUP}
     * @param handler what to run when it arrives
     * @return false if the signal was ignored when the process started ({@code nohup}, or INT in
     *     the background of a script): the JVM then keeps ignoring it and the handler never runs
     * @throws IllegalStateException if the platform does not offer sun.misc.Signal
     */
    public static boolean handle(String name, Runnable handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object previous = signalClass.getMethod("handle", signalClass, handlerClass)
                    .invoke(null, signal, signalHandler(handlerClass, signalClass, handler));
            return previous != handlerClass.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException | LambdaConversionException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
        }
    }

    /**
     * A {@code SignalHandler} that runs {@code handler}, made as a lambda is: a dynamic proxy
     * would define a module and generate its class, ~10 ms of a daemon's start.
     */
    private static synchronized Object signalHandler(Class<?> handlerClass, Class<?> signalClass, Runnable handler)
            throws ReflectiveOperationException, LambdaConversionException {
        if (handlerFactory == null) {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle run = lookup.findStatic(Signals.class, "run",
                    MethodType.methodType(void.class, Runnable.class, Object.class));
            handlerFactory = LambdaMetafactory.metafactory(lookup, "handle",
                    MethodType.methodType(handlerClass, Runnable.class), MethodType.methodType(void.class, signalClass),
                    run, MethodType.methodType(void.class, signalClass)).getTarget();
        }
        try {
            return handlerFactory.invoke(handler);
        } catch (Throwable e) { // the factory only instantiates: nothing to expect
            throw new IllegalStateException(e);
        }
    }

    private static void run(Runnable handler, Object signal) {
        handler.run();
    }
}
