package org.parley.distribution;

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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.parley.model.ArchivedMessage;
import org.parley.model.Delegation;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.Permalink;
import org.parley.notices.NoticeWriter;
import org.parley.notices.Templates;

/**
 * One digest in one language, as Mailman sends it: a multipart/mixed whose first part is
 * the RFC 1153 digest in plain text (its table of contents with subjects, authors and
 * their delegations, then each post), and whose second is a multipart/digest of the posts
 * themselves as message/rfc822 parts, for mail clients that show them as messages. A list
 * in summary mode sends the plain text part only, each post cut to its summary lines.
 */
public final class DigestComposer {
    private static final String RULE = "-".repeat(70);
    private static final String SEPARATOR = "-".repeat(30);

    private final Session session = Session.getInstance(new Properties());
    private final String domain;
    private final String baseUrl;
    private final Templates templates;
    private final Clock clock;
    private final SecureRandom random;

    public DigestComposer(String domain, String baseUrl, Templates templates, Clock clock, SecureRandom random) {
        this.domain = domain;
        this.baseUrl = baseUrl;
        this.templates = templates;
        this.clock = clock;
        this.random = random;
    }

    /** A post of the digest: its archive row, its text, and its message as it came (empty: text only). */
    public record Entry(ArchivedMessage message, String text, byte[] raw) {
    }

    public byte[] compose(ForumList list, List<String> languages, List<Entry> entries) {
        String language = languages.get(0);
        Templates.Text text = templates.render("digest", languages, Map.of(
                "list", list.postAddress(domain),
                "count", String.valueOf(entries.size()),
                "messages", plain(list, languages, entries),
                "archive", baseUrl + "/lists/" + list.name(),
                "request", list.address(ListAddress.Kind.REQUEST, domain)));
        try {
            byte[] id = new byte[12];
            random.nextBytes(id);
            MimeMessage message = new NoticeWriter.FixedIdMessage(session,
                    "<parley.digest." + HexFormat.of().formatHex(id) + "@" + domain + ">");
            message.setFrom(new InternetAddress(list.postAddress(domain), list.roomTitle() + " (" + list.language() + ")",
                    "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(list.postAddress(domain)));
            message.setSubject(text.subject(), "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Content-Language", text.language());
            message.setHeader("List-Id", "\"" + list.roomTitle().replace("\"", "'") + " (" + list.language() + ")\" <"
                    + list.listId(domain) + ">");
            message.setHeader("List-Post", "<mailto:" + list.postAddress(domain) + ">");
            message.setHeader("List-Help", "<mailto:" + list.address(ListAddress.Kind.REQUEST, domain) + "?subject=help>");
            message.setHeader("List-Archive", "<" + baseUrl + "/lists/" + list.name() + ">");
            message.setHeader("Precedence", "list");
            message.setHeader("X-Parley-Loop", list.postAddress(domain));
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text.body(), "UTF-8");
            plain.setHeader("Content-Language", language);
            mixed.addBodyPart(plain);
            List<Entry> whole = entries.stream().filter(e -> e.raw().length > 0).toList();
            if (list.summaryLines().isEmpty() && !whole.isEmpty()) {
                MimeMultipart digest = new MimeMultipart("digest");
                for (Entry e : whole) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(e.raw(), "message/rfc822")));
                    part.setHeader("Content-Type", "message/rfc822");
                    part.setHeader("Content-Transfer-Encoding", eightBit(e.raw()) ? "8bit" : "7bit");
                    digest.addBodyPart(part);
                }
                MimeBodyPart holder = new MimeBodyPart();
                holder.setContent(digest);
                mixed.addBodyPart(holder);
            }
            message.setContent(mixed);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write the digest of " + list.name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean eightBit(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** RFC 1153: the topics, a rule, then each post with Date, From and Subject, between separators. */
    private String plain(ForumList list, List<String> languages, List<Entry> entries) {
        String language = languages.get(0);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(language)).withZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(templates.phrase("digest.topics", languages, Map.of())).append("\n\n");
        int n = 1;
        for (Entry e : entries) {
            out.append(String.format(Locale.ROOT, "%4d. ", n++)).append(subject(e.message())).append(" (")
                    .append(author(e.message(), language)).append(")\n");
        }
        out.append('\n').append(RULE).append("\n\n");
        n = 1;
        for (Entry e : entries) {
            ArchivedMessage m = e.message();
            out.append("Message: ").append(n++).append('\n')
                    .append("Date: ").append(date.format(m.sentAt())).append('\n')
                    .append("From: ").append(m.senderName().isBlank() ? m.sender() : m.senderName() + " <" + m.sender() + ">")
                    .append(m.senderDelegation().isBlank() ? "" : " (" + Delegation.name(m.senderDelegation(), language) + ")")
                    .append('\n')
                    .append("Subject: ").append(subject(m)).append('\n')
                    .append("Archived-At: ").append(Permalink.url(baseUrl, m.list(), m.hash())).append("\n\n");
            String body = e.text().strip();
            if (list.summaryLines().isPresent()) {
                String[] lines = body.split("\n");
                int shown = Math.min(lines.length, list.summaryLines().get());
                body = String.join("\n", List.of(lines).subList(0, shown)).strip() + (lines.length > shown ? "\n[...]" : "");
            }
            out.append(body.replace("\r\n", "\n")).append("\n\n").append(SEPARATOR).append("\n\n");
        }
        String end = templates.phrase("digest.end", languages, Map.of("list", list.postAddress(domain)));
        return out.append(end).append('\n').append("*".repeat(Math.max(10, end.length()))).append('\n').toString();
    }

    private static String subject(ArchivedMessage m) {
        return m.subject().isBlank() ? "(no subject)" : m.subject();
    }

    private static String author(ArchivedMessage m, String language) {
        String name = m.senderName().isBlank() ? m.sender() : m.senderName();
        return m.senderDelegation().isBlank() ? name : name + ", " + Delegation.name(m.senderDelegation(), language);
    }
}
