package dev.mcroute.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxTest {

    @Test
    void wordsSplitAtRunsOfAsciiWhitespaceOnly() {
        assertEquals(List.of("mroute", "from", "eth0", "group", "225.1.2.3"),
                Syntax.words("mroute from\teth0 \u000b\f\r group  225.1.2.3"));
        assertEquals(List.of(), Syntax.words(""));
        assertEquals(List.of("a\u00a0b", "c"), Syntax.words("a\u00a0b c"), "a no-break space is part of a word");
        // the same words as the regular expression it replaces, on text without leading space
        String text = "add eth0\t10.0.0.1  225.1.1.1\u000beth1 ";
        assertEquals(List.of(text.split("\\s+")), Syntax.words(text));
    }

    @Test
    void digitsAreOneToTheMostAsciiDigits() {
        assertTrue(Syntax.isDigits("0", 3));
        assertTrue(Syntax.isDigits("128", 3));
        assertFalse(Syntax.isDigits("1280", 3));
        assertFalse(Syntax.isDigits("", 3));
        assertFalse(Syntax.isDigits("-1", 3));
        assertFalse(Syntax.isDigits("\u0661", 3), "an Arabic-Indic digit is not a digit here");
    }
}
