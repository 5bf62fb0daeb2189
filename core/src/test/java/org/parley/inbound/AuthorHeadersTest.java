package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthorHeadersTest {
    private static final String PLACEHOLDER = "former-member-7@forgotten.invalid";

    @Test
    void theAuthorsFieldsNameThePlaceholderAndOtherFieldsLoseTheAddressWhileTheBodyStaysByteForByte() {
        String raw = "Received: from mx.delegation-fr.test (for <Jean@Delegation-FR.test>)\r\n"
                + "\tby forum.test; Tue, 24 Nov 2026 10:00:00 +0100\r\n"
                + "From: =?utf-8?q?Jean_Dupont?=\r\n <jean@delegation-fr.test>\r\n"
                + "Reply-To: jean@delegation-fr.test\r\n"
                + "To: strategies-fr@forum.test\r\nSubject: Caf\u00e9\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
                + "Bonjour,\r\nJean (jean@delegation-fr.test)\r\n";
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        String out = new String(AuthorHeaders.replace(bytes, "jean@delegation-fr.test", "Former member", PLACEHOLDER),
                StandardCharsets.ISO_8859_1);
        String header = out.substring(0, out.indexOf("\r\n\r\n"));
        assertFalse(header.toLowerCase().contains("jean@delegation-fr.test"), header);
        assertFalse(header.contains("Jean_Dupont"), "the folded From is replaced whole");
        assertTrue(header.contains("From: Former member <" + PLACEHOLDER + ">\r\n"), header);
        assertTrue(header.contains("Reply-To: Former member <" + PLACEHOLDER + ">\r\n"), header);
        assertTrue(header.contains("(for <" + PLACEHOLDER + ">)\r\n\tby forum.test"), "other fields keep their folding");
        assertTrue(header.contains("Subject: Caf\u00e9"), "8-bit header bytes survive");
        assertEquals("Bonjour,\r\nJean (jean@delegation-fr.test)\r\n", out.substring(out.indexOf("\r\n\r\n") + 4),
                "the body is left as it was");
    }

    @Test
    void aMessageThatNeverNamesTheAddressIsReturnedAsItWas() {
        byte[] raw = "From: claire@delegation-fr.test\n\nhello\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(raw, AuthorHeaders.replace(raw, "jean@delegation-fr.test", "Former member", PLACEHOLDER));
    }
}
