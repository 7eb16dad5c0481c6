package dev.mcroute.daemon.config;

import java.nio.file.Path;

/**
 * Where a directive or a problem comes from.
 *
 * @param file the file
 * @param line the line number, from 1; 0 for the file as a whole
 */
public record Origin(Path file, int line) {
    /** @return {@code FILE line N}, or {@code FILE} for the whole file */
    @Override
    public String toString() {
        return line > 0 ? file + " line " + line : file.toString();
    }
}
