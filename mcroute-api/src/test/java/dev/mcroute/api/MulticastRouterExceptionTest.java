package dev.mcroute.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MulticastRouterExceptionTest {

    @Test
    void kernelErrorNamesOperationSubjectAndErrno() {
        MulticastRouterException e = new MulticastRouterException("MRT_ADD_MFC", "(10.0.0.1, 225.1.2.3) on table 0",
                2, "ENOENT", "No such file or directory");
        assertEquals("MRT_ADD_MFC (10.0.0.1, 225.1.2.3) on table 0: ENOENT (No such file or directory)",
                e.getMessage());
        assertEquals("MRT_ADD_MFC", e.operation());
        assertEquals("(10.0.0.1, 225.1.2.3) on table 0", e.subject());
        assertEquals(2, e.errno());
        assertEquals(Optional.of("ENOENT"), e.errnoName());
        assertInstanceOf(RuntimeException.class, e);
    }

    @Test
    void otherFailuresHaveNoErrno() {
        MulticastRouterException e = new MulticastRouterException("open", "multicast router", "no provider found");
        assertEquals("open multicast router: no provider found", e.getMessage());
        assertEquals("open", e.operation());
        assertEquals("multicast router", e.subject());
        assertEquals(0, e.errno());
        assertEquals(Optional.empty(), e.errnoName());
    }

    @Test
    void rejectsMissingParts() {
        assertEquals("operation", assertThrows(NullPointerException.class,
                () -> new MulticastRouterException(null, "eth0", "why")).getMessage());
        assertEquals("subject", assertThrows(NullPointerException.class,
                () -> new MulticastRouterException("MRT_ADD_VIF", null, 98, "EADDRINUSE", "in use")).getMessage());
        assertEquals("errnoName", assertThrows(NullPointerException.class,
                () -> new MulticastRouterException("MRT_ADD_VIF", "eth0", 98, null, "in use")).getMessage());
    }

    @Test
    void survivesSerialization() throws IOException, ClassNotFoundException {
        MulticastRouterException original = new MulticastRouterException("MRT_ADD_VIF", "VIF 0 on eth0",
                98, "EADDRINUSE", "Address already in use");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        MulticastRouterException copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (MulticastRouterException) in.readObject();
        }
        assertEquals(original.getMessage(), copy.getMessage());
        assertEquals("MRT_ADD_VIF", copy.operation());
        assertEquals("VIF 0 on eth0", copy.subject());
        assertEquals(98, copy.errno());
        assertEquals(Optional.of("EADDRINUSE"), copy.errnoName());
    }
}
