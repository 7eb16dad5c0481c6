package dev.mcroute.daemon.ipc;

import java.util.List;

/**
 * One IPC request: a command letter and its argument strings.
 *
 * @param command the command letter ({@code a}, {@code r}, {@code j}, {@code l}, {@code F},
 *                {@code H}, {@code k}, {@code s}, {@code S}, {@code J}) or any other 16-bit value
 * @param args    the argument strings
 */
public record IpcMessage(int command, List<String> args) {
    /** Makes the list immutable. */
    public IpcMessage {
        args = List.copyOf(args);
    }

    /**
     * @param command the command letter
     * @param args    the arguments
     * @return the message
     */
    public static IpcMessage of(char command, String... args) {
        return new IpcMessage(command, List.of(args));
    }
}
