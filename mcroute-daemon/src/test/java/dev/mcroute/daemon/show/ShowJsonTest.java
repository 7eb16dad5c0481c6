package dev.mcroute.daemon.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.daemon.Snapshots;

import org.junit.jupiter.api.Test;

class ShowJsonTest {

    @Test
    void routesAsSpecified() {
        assertEquals("{\"routes\":{\"asm\":["
                + "{\"source\":null,\"group\":\"225.3.0.0/24\",\"iif\":\"a0\",\"oifs\":[\"b0\"]},"
                + "{\"source\":null,\"group\":\"225.9.9.9\",\"iif\":\"a0\",\"oifs\":[\"b0\"]},"
                + "{\"source\":null,\"group\":\"ff05::2\",\"iif\":\"a0\",\"oifs\":[\"b0\"]}],"
                + "\"ssm\":["
                + "{\"source\":\"10.0.0.2\",\"group\":\"225.1.2.3\",\"iif\":\"a0\",\"oifs\":[\"a1\",\"b0\"]},"
                + "{\"source\":\"10.0.0.5\",\"group\":\"225.1.2.4\",\"iif\":\"a0\",\"oifs\":[]},"
                + "{\"source\":\"fc00::2\",\"group\":\"ff05::1\",\"iif\":\"a0\",\"oifs\":[\"b0\"]}],"
                + "\"kernel\":["
                + "{\"source\":\"10.0.0.2\",\"group\":\"225.1.2.3\",\"iif\":\"a0\",\"oifs\":[\"a1\",\"b0\"]},"
                + "{\"source\":\"fc00::2\",\"group\":\"ff05::1\",\"iif\":\"a0\",\"oifs\":[\"b0\"]},"
                + "{\"source\":\"10.0.0.5\",\"group\":\"225.1.2.4\",\"iif\":\"a0\",\"oifs\":[]}]}}\n",
                ShowJson.format(ShowKind.ROUTES, Snapshots.c1()));
    }

    @Test
    void groupsInterfacesAndPendingAsSpecified() {
        assertEquals("{\"groups\":{\"conf\":[{\"source\":null,\"group\":\"225.1.2.3\",\"iif\":\"a0\"},"
                + "{\"source\":\"10.0.0.2\",\"group\":\"232.1.1.1\",\"iif\":\"a0\"}],"
                + "\"kernel\":[{\"source\":null,\"group\":\"225.1.2.3\",\"iif\":\"a0\"},"
                + "{\"source\":\"10.0.0.2\",\"group\":\"232.1.1.1\",\"iif\":\"a0\"}]}}\n",
                ShowJson.format(ShowKind.GROUPS, Snapshots.c1()));
        assertEquals("{\"interfaces\":[{\"index\":1,\"name\":\"lo\",\"vif\":null,\"mif\":null},"
                + "{\"index\":2,\"name\":\"a1\",\"vif\":0,\"mif\":0},{\"index\":3,\"name\":\"a0\",\"vif\":1,\"mif\":1},"
                + "{\"index\":4,\"name\":\"b1\",\"vif\":2,\"mif\":2},{\"index\":5,\"name\":\"b0\",\"vif\":3,\"mif\":3}]}\n",
                ShowJson.format(ShowKind.INTERFACES, Snapshots.c1()));
        assertEquals("{\"pending\":[{\"kind\":\"mroute\",\"iif\":\"eth9\",\"source\":null,\"group\":\"225.1.2.3\","
                + "\"oifs\":[\"eth1\",\"eth2\"]},{\"kind\":\"mgroup\",\"iif\":\"wg+\",\"source\":\"10.0.0.1\","
                + "\"group\":\"232.1.1.1\",\"oifs\":[]}]}\n",
                ShowJson.format(ShowKind.PENDING, Snapshots.c1()));
    }
}
