package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Copies a second as the report gives them, from the first copy to the last. */
class MailBenchRatesTest {
    @Test
    void theGapsBetweenCopiesAreCountedNotTheCopies() {
        assertEquals(1_000, MailBench.between(1_001, 0, 1_000_000_000L), 1e-9);
    }

    @Test
    void oneCopyOrNoTimeBetweenIsNothingToMeasure() {
        assertEquals(0, MailBench.between(1, 5, 5));
        assertEquals(0, MailBench.between(0, 0, 0));
        assertEquals(0, MailBench.between(10, 7, 7));
    }
}
