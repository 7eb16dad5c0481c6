package dev.mcroute.daemon.cli;

import java.nio.file.Path;

/**
 * The daemon identity ({@code -i NAME}) and the paths derived from it.
 *
 * @param name the identity, also the syslog ident
 */
public record Identity(String name) {
    /** The identity when none is given. */
    public static final Identity DEFAULT = new Identity("smcroute");

    /** Rejects names that would escape the directories. */
    public Identity {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new UsageException("invalid identity '" + name + "'");
        }
    }

    /** @return /etc/NAME.conf */
    public Path configFile() {
        return Path.of("/etc", name + ".conf");
    }

    /** @return /run/NAME.pid */
    public Path pidFile() {
        return Path.of("/run", name + ".pid");
    }

    /** @return /run/NAME.sock */
    public Path socketFile() {
        return Path.of("/run", name + ".sock");
    }
}
