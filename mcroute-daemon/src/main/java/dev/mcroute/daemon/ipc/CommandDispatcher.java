package dev.mcroute.daemon.ipc;

import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterControl;
import dev.mcroute.daemon.show.ShowJson;
import dev.mcroute.daemon.show.ShowKind;
import dev.mcroute.daemon.show.ShowText;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Turns requests into {@link RouterControl} calls and their outcome into the reply bytes: a lone
 * NUL for success, the error text and a NUL for failure, the show text and a NUL.
 *
 * <p>Commands run on the calling (IPC) thread: the router is thread-safe, and a hand-off to
 * another thread per command costs more than the command itself (C {@code smcroutectl -b} opens
 * one connection per line, so every hop is paid a thousand times for a thousand lines). Only a
 * reload runs on the daemon's event loop, which owns the configuration, so that a long reload
 * does not hold up the socket. Commands still take effect in the order received: while a reload
 * is queued, the commands after it queue behind it.
 */
public final class CommandDispatcher implements IpcServer.Handler {
    private final RouterControl control;
    private final Executor eventLoop;
    private final Consumer<String> errorLog;
    /** The last command handed to the event loop; only the IPC thread reads and writes it. */
    private CompletableFuture<byte[]> queued = CompletableFuture.completedFuture(new byte[1]);

    /**
     * @param control   the router
     * @param eventLoop the thread that owns the router state
     * @param errorLog  where unexpected failures are logged
     */
    public CommandDispatcher(RouterControl control, Executor eventLoop, Consumer<String> errorLog) {
        this.control = control;
        this.eventLoop = eventLoop;
        this.errorLog = errorLog;
    }

    @Override
    public CompletableFuture<byte[]> handle(IpcMessage message) {
        if (queued.isDone() && !needsEventLoop(message.command())) {
            return CompletableFuture.completedFuture(reply(message));
        }
        queued = queued.handleAsync((previous, error) -> reply(message), eventLoop);
        return queued;
    }

    private static boolean needsEventLoop(int command) {
        return command == 'H';
    }

    /**
     * @param error an error text
     * @return the reply bytes carrying it
     */
    public static byte[] errorReply(String error) {
        return text(error);
    }

    private byte[] reply(IpcMessage message) {
        try {
            return switch (message.command()) {
                case 'a' -> ok(() -> control.add(RouteSpec.parse(message.args(), true)));
                case 'r' -> ok(() -> control.remove(RouteSpec.parse(message.args(), false)));
                case 'j' -> ok(() -> control.join(RouteSpec.parseMembership(message.args())));
                case 'l' -> ok(() -> control.leave(RouteSpec.parseMembership(message.args())));
                case 'F' -> ok(control::flush);
                case 'H' -> ok(control::reload);
                case 'k' -> ok(control::kill);
                case 's' -> text(ShowText.format(ShowKind.of(message.args()), false, control.snapshot(false)));
                case 'S' -> text(ShowText.format(ShowKind.of(message.args()), true, control.snapshot(true)));
                case 'J' -> text(ShowJson.format(ShowKind.of(message.args()), control.snapshot(false)));
                default -> text("Unknown or malformed IPC message " + describe(message.command()) + " from client.");
            };
        } catch (ControlException | IllegalArgumentException e) {
            return text(e.getMessage());
        } catch (RuntimeException e) {
            errorLog.accept("IPC command " + describe(message.command()) + " failed: " + e);
            return text("Internal error: " + e.getMessage());
        }
    }

    private interface Action {
        void run() throws ControlException;
    }

    private static byte[] ok(Action action) throws ControlException {
        action.run();
        return new byte[1];
    }

    private static byte[] text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] reply = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, reply, 0, bytes.length);
        return reply;
    }

    private static String describe(int command) {
        return command >= 0x21 && command < 0x7f ? "'" + (char) command + "'" : "0x" + Integer.toHexString(command);
    }
}
