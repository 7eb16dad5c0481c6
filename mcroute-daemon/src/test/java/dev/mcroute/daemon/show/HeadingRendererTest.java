package dev.mcroute.daemon.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mcroute.daemon.Golden;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadingRendererTest {

    private static String reply(String name) {
        byte[] bytes = Golden.bytes(name + ".bin");
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    private static String printed(String name) {
        return new String(Golden.bytes(name), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemon-show-routes", "daemon-show-groups", "daemon-show-interfaces"})
    void drawsHeadingsAsTheCClientDoes(String name) {
        assertEquals(printed("ctl-render-" + name + ".txt"), HeadingRenderer.render(reply(name), HeadingRenderer.Style.ANSI));
        assertEquals(printed("ctl-render-" + name + "-p.txt"),
                HeadingRenderer.render(reply(name), HeadingRenderer.Style.PLAIN));
        assertEquals(printed("ctl-render-" + name + "-t.txt"),
                HeadingRenderer.render(reply(name), HeadingRenderer.Style.NONE));
    }

    @Test
    void emptyReplyPrintsNothing() {
        assertEquals("", HeadingRenderer.render("", HeadingRenderer.Style.ANSI));
    }
}
