package org.parley.notices;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/** Writes a {@link Notice} as a MIME message (Jakarta Mail), marked as automatic (RFC 3834). */
public final class NoticeWriter {
    private final Session session = Session.getInstance(new Properties());
    private final String domain;
    private final Clock clock;
    private final SecureRandom random;

    public NoticeWriter(String domain, Clock clock, SecureRandom random) {
        this.domain = domain;
        this.clock = clock;
        this.random = random;
    }

    public byte[] write(Notice notice) {
        try {
            MimeMessage message = new FixedIdMessage(session, newMessageId());
            message.setFrom(new InternetAddress(notice.from(), notice.fromName(), "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notice.to()));
            if (notice.replyTo().isPresent()) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(notice.replyTo().get())});
            }
            message.setSubject(notice.text().subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader("Content-Language", notice.text().language());
            notice.inReplyTo().ifPresent(id -> {
                try {
                    message.setHeader("In-Reply-To", id);
                    message.setHeader("References", id);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (notice.attachment().isPresent()) {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(notice.text().body(), "UTF-8");
                mixed.addBodyPart(text);
                MimeBodyPart original = new MimeBodyPart();
                original.setDataHandler(new DataHandler(
                        new ByteArrayDataSource(notice.attachment().get(), "message/rfc822")));
                original.setDisposition("inline");
                mixed.addBodyPart(original);
                message.setContent(mixed);
            } else {
                message.setText(notice.text().body(), "UTF-8");
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write a notice to " + notice.to() + ": " + e.getMessage(), e);
        }
    }

    private String newMessageId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "<parley." + HexFormat.of().formatHex(bytes) + "@" + domain + ">";
    }

    /** Keeps our Message-ID instead of one made from the host name. */
    public static final class FixedIdMessage extends MimeMessage {
        private final String id;

        public FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    static InternetAddress address(String address, String name) throws UnsupportedEncodingException {
        return new InternetAddress(address, name, "UTF-8");
    }
}
