package org.parley.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClipTest {
    private static final String EMOJI = "\ud83d\ude02";

    @Test
    void aTextThatFitsIsKeptWholeAndNullIsEmpty() {
        assertEquals("abc", Clip.of("abc", 3));
        assertEquals("", Clip.of(null, 10));
    }

    @Test
    void neverCutsBetweenTheHalvesOfASurrogatePair() {
        // The store's columns (255 for an envelope address, 2,000 for an outcome) cut this way too.
        assertEquals("a".repeat(254), Clip.of("a".repeat(254) + EMOJI, 255));
        assertEquals("a".repeat(253) + EMOJI, Clip.of("a".repeat(253) + EMOJI + "b", 255));
        assertEquals("a".repeat(255), Clip.of("a".repeat(256), 255));
    }
}
