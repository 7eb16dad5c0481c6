package dev.mcroute.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The PID file: written (atomically, replacing a stale one) only when the daemon is ready,
 * touched after each reload so supervisors can tell, removed on exit.
 */
public final class PidFile {
    private final Path path;

    /** @param path where the file goes */
    public PidFile(Path path) {
        this.path = path;
    }

    /** @return the path */
    public Path path() {
        return path;
    }

    /**
     * Writes this process's PID.
     *
     * @throws IOException if the file cannot be written
     */
    public void write() throws IOException {
        Path temporary = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid());
        Files.writeString(temporary, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Sets the modification time to now.
     *
     * @throws IOException if the file is gone or cannot be changed
     */
    public void touch() throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
    }

    /**
     * Removes the file if it still holds this process's PID.
     *
     * @throws IOException if it cannot be read or removed
     */
    public void remove() throws IOException {
        if (Files.exists(path)
                && Files.readString(path, StandardCharsets.US_ASCII).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
            Files.delete(path);
        }
    }
}
