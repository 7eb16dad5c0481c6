package dev.mcroute.daemon.os;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported), reached by
 * reflection so the build stays free of internal-API warnings. A handler replaces the JVM's own
 * (for TERM/INT that means no shutdown-hook exit: the daemon exits cleanly by itself). Handlers
 * run on a JVM thread: they should only hand work to the event loop.
 */
public final class Signals {
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
            InvocationHandler invocation = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    handler.run();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "SignalHandler[" + name + "]";
                };
            };
            Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
            Object previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
            return previous != handlerClass.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + name + ": " + e, e);
        }
    }
}
