package org.parley.model;

/** What the sending MTA said about a message: MAIL FROM, one RCPT TO, and who it was. */
public record Envelope(String mailFrom, String recipient, String remoteHost) {
    public Envelope {
        mailFrom = mailFrom == null ? "" : mailFrom;
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("an envelope needs a recipient");
        }
        remoteHost = remoteHost == null ? "" : remoteHost;
    }
}
