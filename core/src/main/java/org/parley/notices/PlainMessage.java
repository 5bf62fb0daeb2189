package org.parley.notices;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A plain-text post the forum writes itself to go down a list like any other (a
 * translation, a discussion's opening): UTF-8, our Message-ID, its language, and the
 * Message-IDs it answers, nearest first.
 */
public record PlainMessage(String messageId, Address from, Optional<Address> sender, String to, String subject,
                           Instant date, List<String> answers, String language, String text) {
    private static final Session SESSION = Session.getInstance(new Properties());

    /** An address with its display name. */
    public record Address(String email, String name) {
    }

    public PlainMessage {
        answers = List.copyOf(answers);
    }

    public byte[] write() {
        try {
            MimeMessage message = new NoticeWriter.FixedIdMessage(SESSION, messageId);
            message.setFrom(new InternetAddress(from.email(), from.name(), "UTF-8"));
            if (sender.isPresent()) {
                message.setSender(new InternetAddress(sender.get().email(), sender.get().name(), "UTF-8"));
            }
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(Date.from(date));
            if (!answers.isEmpty()) {
                message.setHeader("In-Reply-To", answers.get(0));
                List<String> oldestFirst = new ArrayList<>(answers);
                Collections.reverse(oldestFirst);
                message.setHeader("References", String.join(" ", oldestFirst));
            }
            message.setHeader("Content-Language", language);
            message.setText(text + "\n", "UTF-8");
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write " + messageId + ": " + e.getMessage(), e);
        }
    }
}
