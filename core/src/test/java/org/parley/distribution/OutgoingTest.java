package org.parley.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which addresses mail can be written to: a real message's From may hold anything. */
class OutgoingTest {
    @Test
    void anAddressWithSpacesOrControlCharactersIsNotAnswered() {
        assertFalse(Outgoing.answerable("system administrator@elsewhere.test"));
        assertFalse(Outgoing.answerable("a\u0001b@elsewhere.test"));
        assertFalse(Outgoing.answerable("no-at-sign"));
        assertFalse(Outgoing.answerable(""));
        assertFalse(Outgoing.answerable(null));
    }

    @Test
    void ordinaryAndInternationalAddressesAreAnswered() {
        assertTrue(Outgoing.answerable("jean.dupont@delegation-fr.test"));
        assertTrue(Outgoing.answerable("o'brien+forum@delegation-ie.test"));
        assertTrue(Outgoing.answerable("jürgen@delegation-de.test"));
    }
}
