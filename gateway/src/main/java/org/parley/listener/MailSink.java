package org.parley.listener;

import java.util.List;

/** Where the listener hands mail: who we take mail for, and the committed store. */
public interface MailSink {
    boolean accepts(String recipient);

    /** Commits the message for its recipients; returns the stored ids. Throws if it could not. */
    List<Long> accept(String mailFrom, List<String> recipients, String remoteHost, byte[] raw);
}
