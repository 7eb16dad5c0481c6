package dev.mcroute.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Bytes recorded from Debian's C smcroute 2.5.6 (see src/test/resources/golden/). */
public final class Golden {
    private Golden() {
    }

    /**
     * @param name file name under golden/
     * @return its bytes
     */
    public static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
