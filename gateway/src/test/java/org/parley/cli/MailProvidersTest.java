package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** The provider named is one the build carries: were it not, no header could be encoded at all. */
class MailProvidersTest {
    @Test
    void theNamedProviderLoadsAndEncodesAHeaderWord() throws Exception {
        MailProviders.pin();
        assertEquals(MailProviders.ANGUS, System.getProperty(MailProviders.PROPERTY));
        assertEquals(MailProviders.ANGUS, StreamProvider.provider().getClass().getName());
        assertEquals("=?UTF-8?Q?R=C3=A9union?=", MimeUtility.encodeText("Réunion", "UTF-8", "Q"));
    }
}
