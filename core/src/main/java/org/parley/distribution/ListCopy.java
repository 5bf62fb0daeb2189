package org.parley.distribution;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.DefaultFieldParser;
import org.parley.inbound.EncodedWords;
import org.parley.inbound.Post;
import org.parley.inbound.RawMessage;
import org.parley.inbound.TextDecoding;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.Permalink;
import org.parley.model.Version;
import org.parley.notices.Templates;
import org.parley.notices.Vocabulary;

/**
 * Turns an approved post into the copy the list sends: the author's message with the
 * list's headers (RFC 2369, 2919), a subject tag, and a footer in the list's language
 * added the MIME-correct way. The copy is the same for every recipient; what differs
 * per recipient is added by {@link Personalisation} at delivery.
 */
public final class ListCopy {
    private static final Pattern LEADING_BLANKS = Pattern.compile("^[ \t]*");

    /** Headers a list replaces or must not pass on. */
    private static final Set<String> DROPPED = Set.of("list-id", "list-post", "list-help", "list-unsubscribe",
            "list-unsubscribe-post", "list-archive", "list-subscribe", "list-owner", "archived-at", "precedence",
            "return-path", "x-parley-loop", "x-parley-rule-hits", "delivered-to", "x-original-to");

    private final String domain;
    private final String baseUrl;
    private final String defaultLanguage;
    private final Templates templates;

    public ListCopy(String domain, String baseUrl, String defaultLanguage, Templates templates) {
        this.domain = domain;
        this.baseUrl = baseUrl;
        this.defaultLanguage = defaultLanguage;
        this.templates = templates;
    }

    public byte[] render(ForumList list, Post post) {
        return render(list, post, Optional.empty());
    }

    /** A translation says so in a header (with the original's Message-ID) and on a line of the footer. */
    public byte[] render(ForumList list, Post post, Optional<Origin> origin) {
        return render(list, post, origin, "");
    }

    /** The copy, naming the author's delegation where a summary is sent instead of the post. */
    public byte[] render(ForumList list, Post post, Optional<Origin> origin, String delegation) {
        return render(list, post, origin, delegation, Rewrite.NONE, post.fromName());
    }

    /**
     * How a copy stands up to its author's DMARC policy: as written (NONE); From the list's,
     * the author in Reply-To (MUNGE), and in Cc (MUNGE_CC); or, besides, the post attached
     * whole (WRAP).
     */
    public enum Rewrite { NONE, MUNGE, MUNGE_CC, WRAP }

    /** Headers an author's domain vouches for, replaced when the copy goes out From the list. */
    private static final Set<String> AUTHORED = Set.of("from", "sender", "reply-to", "dkim-signature");

    /**
     * The copy, with its From rewritten where the author's domain asks receivers to refuse
     * what it did not sign; {@code author} is the name the rewritten From shows.
     */
    public byte[] render(ForumList list, Post post, Optional<Origin> origin, String delegation, Rewrite rewrite,
                         String author) {
        RawMessage message = post.source();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) post.size() + 2048);
        Optional<ContentTypeField> type = contentType(message);
        Body body = list.summaryLines().isPresent()
                ? summary(list, post, delegation, list.summaryLines().get(), footer(list, origin))
                : rewrite == Rewrite.WRAP ? wrap(message, footer(list, origin), Permalink.hash(post.messageId()), true)
                : footed(message, type, footer(list, origin), Permalink.hash(post.messageId()));
        if (rewrite != Rewrite.NONE) {
            String name = (author.isBlank() ? post.fromAddress() : author).replaceAll("\\p{Cntrl}", " ");
            out.writeBytes(RawMessage.field("From", viaList(list, name)).raw());
            Optional<RawMessage.Field> replyTo = message.first("Reply-To").or(() -> message.first("From"));
            if (replyTo.isPresent()) {
                out.writeBytes(renamed(replyTo.get(), "Reply-To"));
            }
            Optional<RawMessage.Field> from = message.first("From");
            if (rewrite == Rewrite.MUNGE_CC && from.isPresent()) {
                Optional<RawMessage.Field> cc = message.first("Cc");
                out.writeBytes(cc.isEmpty() ? renamed(from.get(), "Cc") : joined(cc.get(), from.get()));
            }
        }
        for (RawMessage.Field field : message.fields()) {
            String name = field.lowerName();
            if (DROPPED.contains(name) || name.startsWith("x-parley-") || rewrite != Rewrite.NONE && AUTHORED.contains(name)
                    || rewrite == Rewrite.MUNGE_CC && name.equals("cc")) {
                continue;
            }
            if (name.equals("subject")) {
                out.writeBytes(tagged(field, list));
            } else if (!(body.replacesContentHeaders() && name.startsWith("content-"))) {
                out.writeBytes(field.raw());
            }
        }
        if (message.first("Subject").isEmpty()) {
            out.writeBytes(RawMessage.field("Subject", "[" + list.name() + "]").raw());
        }
        if (message.first("Date").isEmpty() && post.sentAt().isPresent()) {
            out.writeBytes(RawMessage.field("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    post.sentAt().get().atOffset(ZoneOffset.UTC))).raw());
        }
        if (post.messageIdGenerated() || message.first("Message-ID").isEmpty()) {
            out.writeBytes(RawMessage.field("Message-ID", post.messageId()).raw());
        }
        if (message.first("MIME-Version").isEmpty() && body.replacesContentHeaders()) {
            out.writeBytes(RawMessage.field("MIME-Version", "1.0").raw());
        }
        for (RawMessage.Field field : listHeaders(list, post)) {
            out.writeBytes(field.raw());
        }
        origin.filter(o -> o.kind() == Version.Kind.TRANSLATION).ifPresent(o -> {
            out.writeBytes(RawMessage.field("X-Parley-Translation-Of", o.messageId()).raw());
            out.writeBytes(RawMessage.field("X-Parley-Original-Language", o.language()).raw());
        });
        out.writeBytes(body.headers());
        out.writeBytes(CRLF);
        out.writeBytes(body.content());
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** {@code "Jean Dupont via strategies-fr" <strategies-fr@forum>}, as Mailman writes it. */
    private String viaList(ForumList list, String author) {
        try {
            return new InternetAddress(list.postAddress(domain), author + " via " + list.name(), "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Cc with the author added after those it had, the bytes of both kept. */
    private static byte[] joined(RawMessage.Field cc, RawMessage.Field from) {
        String had = new String(cc.raw(), StandardCharsets.ISO_8859_1).stripTrailing();
        String author = new String(from.raw(), StandardCharsets.ISO_8859_1);
        return (had + ",\r\n " + author.substring(author.indexOf(':') + 1).strip() + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The same field under another name, its value's bytes (folding, 8-bit) untouched. */
    private static byte[] renamed(RawMessage.Field field, String name) {
        String raw = new String(field.raw(), StandardCharsets.ISO_8859_1);
        return (name + ":" + raw.substring(raw.indexOf(':') + 1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A list in summary mode sends what its Member States agreed may leave the forum by
     * mail: who wrote, from which delegation, the subject, the first lines of the text (or
     * none) and the link to the message behind login; never the rest, never the files.
     */
    private Body summary(ForumList list, Post post, String delegation, int lines, String footer) {
        StringBuilder excerpt = new StringBuilder();
        int taken = 0;
        for (String line : post.text().replace("\r\n", "\n").split("\n")) {
            if (taken >= lines) {
                break;
            }
            if (!line.isBlank()) {
                excerpt.append(line.stripTrailing()).append('\n');
                taken++;
            }
        }
        String author = (post.fromName().isBlank() ? post.fromAddress() : post.fromName() + " <" + post.fromAddress() + ">")
                + (delegation.isBlank() ? "" : " (" + delegation + ")");
        String text = templates.render("summary", List.of(list.language(), defaultLanguage), Map.of(
                "author", author,
                "subject", post.subject(),
                "excerpt", excerpt.length() == 0 ? "" : excerpt.toString(),
                "files", String.valueOf(post.files().size()),
                "link", Permalink.url(baseUrl, list.name(), Permalink.hash(post.messageId())))).body();
        TextBody content = TextBody.of(crlf(text.strip() + "\n\n-- \n" + footer));
        return new Body(("Content-Type: text/plain; charset=utf-8\r\n" + content.header())
                .getBytes(StandardCharsets.US_ASCII), content.content());
    }

    private List<RawMessage.Field> listHeaders(ForumList list, Post post) {
        String hash = Permalink.hash(post.messageId());
        return List.of(
                RawMessage.field("List-Id", "\"" + list.roomTitle().replace("\"", "'") + " (" + list.language() + ")\" <"
                        + list.listId(domain) + ">"),
                RawMessage.field("List-Post", "<mailto:" + list.postAddress(domain) + ">"),
                RawMessage.field("List-Help", "<mailto:" + list.address(ListAddress.Kind.REQUEST, domain) + "?subject=help>"),
                RawMessage.field("List-Owner", "<mailto:" + list.address(ListAddress.Kind.OWNER, domain) + ">"),
                RawMessage.field("List-Archive", "<" + baseUrl + "/lists/" + list.name() + ">"),
                RawMessage.field("Archived-At", "<" + Permalink.url(baseUrl, list.name(), hash) + ">"),
                RawMessage.field("X-Message-ID-Hash", hash),
                RawMessage.field("Precedence", "list"),
                RawMessage.field("X-Parley-Loop", list.postAddress(domain)));
    }

    /**
     * Adds the tag once: a reply whose subject already carries it keeps a single one. A
     * subject in raw 8-bit bytes (RFC 6532) is re-encoded (RFC 2047), since the relay or a
     * reader's client may not take UTF-8 headers; so is one whose encoded words name a charset
     * by a label readers' clients may not know ({@code eucgb2312_cn}), so that every reader
     * sees the subject the archive shows.
     */
    private byte[] tagged(RawMessage.Field subject, ForumList list) {
        String tag = "[" + list.name() + "]";
        String decoded = EncodedWords.decode(subject.value());
        boolean reencode = EncodedWords.hasUncommonLabel(subject.value());
        for (byte b : subject.raw()) {
            reencode |= b < 0;
        }
        boolean hasTag = decoded.toLowerCase(Locale.ROOT).contains(tag);
        if (reencode) {
            return encodedSubject(hasTag ? decoded : tag + " " + decoded);
        }
        if (hasTag) {
            return subject.raw();
        }
        String raw = new String(subject.raw(), StandardCharsets.ISO_8859_1);
        int colon = raw.indexOf(':');
        String rest = LEADING_BLANKS.matcher(raw.substring(colon + 1)).replaceFirst("");
        return ("Subject: " + tag + " " + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] encodedSubject(String text) {
        try {
            String encoded = MimeUtility.fold(9, MimeUtility.encodeText(text, "UTF-8", "Q"));
            return ("Subject: " + encoded + "\r\n").getBytes(StandardCharsets.US_ASCII);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String footer(ForumList list, Optional<Origin> origin) {
        List<String> languages = List.of(list.language(), defaultLanguage);
        String footer = templates.render("footer", languages, Map.of(
                "list", list.postAddress(domain),
                "archive", baseUrl + "/lists/" + list.name(),
                "request", list.address(ListAddress.Kind.REQUEST, domain))).body();
        if (origin.isEmpty() || origin.get().kind() != Version.Kind.TRANSLATION) {
            return footer;
        }
        String line = templates.phrase("footer.translation", languages, Map.of(
                "language", Vocabulary.nameIn(origin.get().language(), list.language()),
                "link", origin.get().url()));
        return line + "\n" + footer;
    }

    private static Optional<ContentTypeField> contentType(RawMessage message) {
        Optional<RawMessage.Field> field = message.first("Content-Type");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        try {
            ParsedField parsed = DefaultFieldParser.parse(new String(field.get().raw(), StandardCharsets.ISO_8859_1)
                    .stripTrailing(), DecodeMonitor.SILENT);
            return parsed instanceof ContentTypeField ct && parsed.isValidField() ? Optional.of(ct) : Optional.empty();
        } catch (MimeException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The body with its footer, and the content headers that now describe it (empty: keep the author's). */
    private record Body(byte[] headers, byte[] content) {
        boolean replacesContentHeaders() {
            return headers.length > 0;
        }
    }

    private Body footed(RawMessage message, Optional<ContentTypeField> type, String footer, String seed) {
        String mimeType = type.map(ContentTypeField::getMimeType).orElse("text/plain");
        boolean attachment = message.first("Content-Disposition")
                .map(f -> f.value().toLowerCase(Locale.ROOT).startsWith("attachment")).orElse(false);
        if (mimeType.equals("text/plain") && !attachment) {
            Optional<Body> appended = appendToText(message, type, footer);
            if (appended.isPresent()) {
                return appended.get();
            }
        }
        if (mimeType.equals("multipart/mixed") && type.get().getBoundary() != null) {
            Optional<Body> inserted = insertPart(message, type.get().getBoundary(), footer);
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
        return wrap(message, footer, seed, false);
    }

    /** text/plain: the footer goes at the end of the text, re-encoded as UTF-8 if it has to be. */
    private Optional<Body> appendToText(RawMessage message, Optional<ContentTypeField> type, String footer) {
        String encoding = message.first("Content-Transfer-Encoding").map(f -> f.value().toLowerCase(Locale.ROOT))
                .orElse("7bit");
        byte[] decoded;
        try (InputStream in = decoder(new ByteArrayInputStream(message.body()), encoding)) {
            decoded = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        TextDecoding.Decoded text = TextDecoding.decode(decoded, type.map(ContentTypeField::getCharset).orElse("us-ascii"));
        if (!text.asDeclared() && type.map(ContentTypeField::getCharset).isPresent()) {
            return Optional.empty(); // a label we cannot trust: keep the author's bytes, footer in a part of its own
        }
        String body = text.text();
        TextBody joined = TextBody.of(crlf(body + (body.endsWith("\n") || body.isEmpty() ? "" : "\r\n") + "-- \r\n"
                + footer));
        StringBuilder headers = new StringBuilder("Content-Type: text/plain; charset=utf-8");
        type.ifPresent(ct -> ct.getParameters().forEach((name, value) -> {
            if (name.equals("format") || name.equals("delsp")) {
                headers.append("; ").append(name).append('=').append(value);
            }
        }));
        headers.append("\r\n").append(joined.header());
        message.first("Content-Disposition").ifPresent(f -> headers.append(new String(f.raw(), StandardCharsets.ISO_8859_1)));
        message.first("Content-Language").ifPresent(f -> headers.append(new String(f.raw(), StandardCharsets.ISO_8859_1)));
        return Optional.of(new Body(headers.toString().getBytes(StandardCharsets.ISO_8859_1), joined.content()));
    }

    /** multipart/mixed: one more part before the closing boundary. */
    private static Optional<Body> insertPart(RawMessage message, String boundary, String footer) {
        byte[] body = message.body();
        byte[] close = ("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1);
        int at = lastIndexOf(body, close);
        if (at < 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        out.write(body, 0, at);
        if (at > 0 && body[at - 1] != '\n') {
            out.writeBytes(CRLF);
        }
        out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(footerPart(footer));
        out.writeBytes(CRLF);
        out.write(body, at, body.length - at);
        return Optional.of(new Body(new byte[0], out.toByteArray()));
    }

    /**
     * Anything else (alternative, signed, encrypted, HTML, a single attachment): the
     * author's entity goes, byte for byte, into a multipart/mixed beside the footer, so a
     * signature still verifies. {@code whole}: the author's message itself, header and all,
     * as a message/rfc822 part (a copy wrapped for DMARC).
     */
    private static Body wrap(RawMessage message, String footer, String seed, boolean whole) {
        // Derived from the Message-ID hash: unique enough never to occur in the body, and stable.
        String boundary = "=_parley_" + seed;
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.bodyLength() + 1024);
        out.writeBytes(("This is a multi-part message in MIME format.\r\n--" + boundary + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        boolean hasType = whole;
        if (whole) {
            out.writeBytes("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        for (RawMessage.Field field : message.fields()) {
            if (whole || field.lowerName().startsWith("content-")) {
                out.writeBytes(field.raw());
                hasType |= field.lowerName().equals("content-type");
            }
        }
        if (!hasType) {
            out.writeBytes("Content-Type: text/plain; charset=us-ascii\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(CRLF);
        message.writeBody(out);
        out.writeBytes(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(footerPart(footer));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String headers = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
        return new Body(headers.getBytes(StandardCharsets.ISO_8859_1), out.toByteArray());
    }

    private static byte[] footerPart(String footer) {
        TextBody content = TextBody.of(crlf(footer));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Content-Type: text/plain; charset=utf-8\r\n" + content.header()
                + "Content-Disposition: inline\r\nContent-Description: list footer\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content.content());
        return out.toByteArray();
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static InputStream decoder(InputStream in, String encoding) {
        return switch (encoding) {
            case "quoted-printable" -> new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
            case "base64" -> new Base64InputStream(in, DecodeMonitor.SILENT);
            default -> in;
        };
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = data.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
