package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value that holds an interface name applies the kernel's rules (IFNAMSIZ, dev_valid_name). */
class InterfaceNamesTest {

    /** Constructs each value type that holds an interface name. */
    private static final List<Consumer<String>> HOLDERS = List.of(
            name -> VifSpec.of(Family.IPV4, name),
            name -> new Vif(Family.IPV4, 0, name, 1, 1, Set.of()),
            name -> new NetInterface(name, 1, Set.of(), List.of()),
            name -> Membership.anySource(name, InetAddresses.parse("225.1.2.3")));

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "a", "abcdefghijklmno", "br-lan.100", "veth_a-1", "wg0@x", "ETH0"})
    void acceptsNamesTheKernelAccepts(String name) {
        assertEquals(name, VifSpec.of(Family.IPV4, name).interfaceName());
        assertEquals(name, new Vif(Family.IPV6, 0, name, 1, 1, Set.of()).interfaceName());
        assertEquals(name, new NetInterface(name, 1, Set.of(), List.of()).name());
        assertEquals(name, Membership.anySource(name, InetAddresses.parse("ff05::1")).interfaceName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefghijklmnop", "a-very-long-interface-name"})
    void rejectsNamesLongerThan15Characters(String name) {
        assertRejected(name, "interface name '" + name + "' is longer than 15 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth 0", " eth0", "eth0 ", "eth\t0", "eth\n0", "a/b", "eth0:1", "eth\u00e90", "eth\u007f"})
    void rejectsNamesWithCharactersTheKernelRefuses(String name) {
        assertRejected(name, "interface name '" + name + "' contains a character not allowed in interface names");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void rejectsTheDirectoryNames(String name) {
        assertRejected(name, "interface name '" + name + "' is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void rejectsAnEmptyName(String name) {
        assertRejected(name, "interface name is empty");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void rejectsANullName(int holder) {
        NullPointerException e = assertThrows(NullPointerException.class, () -> HOLDERS.get(holder).accept(null));
        assertEquals("interface name", e.getMessage());
    }

    private static void assertRejected(String name, String message) {
        for (Consumer<String> holder : HOLDERS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> holder.accept(name));
            assertEquals(message, e.getMessage());
        }
    }
}
