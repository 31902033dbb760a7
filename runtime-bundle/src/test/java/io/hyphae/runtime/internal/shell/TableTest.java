package io.hyphae.runtime.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        Table t = new Table("ACTOR", "DEPTH", "STATE");
        t.row("shop", 0, "running");
        t.row("  orders", 12345, "suspended");
        assertEquals("""
                ACTOR     DEPTH  STATE
                shop          0  running
                  orders  12345  suspended
                """, t.toString());
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
