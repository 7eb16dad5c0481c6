package dev.mcroute.daemon;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The interface names that {@code phyint} patterns (names or {@code eth+} wildcards) stand for now. */
final class MrdiscTargets {
    private MrdiscTargets() {
    }

    /**
     * @param patterns interface names and wildcards
     * @return plain names kept as they are (the announcer retries absent ones), wildcards
     *         replaced by the matching interfaces present now
     */
    static List<String> expand(List<String> patterns) {
        Set<String> names = new LinkedHashSet<>();
        List<String> present = null;
        for (String pattern : patterns) {
            if (!pattern.endsWith("+")) {
                names.add(pattern);
                continue;
            }
            if (present == null) {
                present = presentInterfaces();
            }
            String prefix = pattern.substring(0, pattern.length() - 1);
            present.stream().filter(name -> name.startsWith(prefix)).forEach(names::add);
        }
        return List.copyOf(names);
    }

    private static List<String> presentInterfaces() {
        List<String> names = new ArrayList<>();
        try {
            NetworkInterface.networkInterfaces().forEach(i -> names.add(i.getName()));
        } catch (SocketException e) {
            // no interface list: wildcards match nothing until the next reload
        }
        return names;
    }
}
