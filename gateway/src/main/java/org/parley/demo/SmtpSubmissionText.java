package org.parley.demo;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/** RFC 2047 for header text written by the demo and the benchmark. */
public final class SmtpSubmissionText {
    private SmtpSubmissionText() {
    }

    public static String encode(String text) {
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(text, "UTF-8", "B"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
