package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlowedTest {
    @Test
    void softBreaksJoinAndHardBreaksStay() {
        assertEquals("This is one long paragraph.\nNew line.\n",
                Flowed.unflow("This is one \r\nlong paragraph.\r\nNew line.\r\n", false));
    }

    @Test
    void delSpRemovesTheSpaceBeforeASoftBreakAndQuotesKeepTheirDepth() {
        assertEquals("Hello\n> quoted text\n", Flowed.unflow("Hel \r\nlo\r\n> quoted  \r\n> text\r\n", true));
    }

    @Test
    void theSignatureSeparatorIsNotASoftBreak() {
        assertEquals("Bye\n-- \nJean\n", Flowed.unflow("Bye\r\n-- \r\nJean\r\n", false));
    }
}
