package org.parley.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.parley.model.Clip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a raw message with Mime4j, permissively: whatever it cannot read becomes a
 * problem on the {@link Post}, never an exception, so the message can be held as it is.
 */
public final class PostParser {
    /** A line break left alone in a header value once unfolded. */
    private static final Pattern BREAK = Pattern.compile("[\r\n]");
    private static final Logger LOG = LoggerFactory.getLogger(PostParser.class);
    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");
    /** Enough text for commands, previews and search; the raw message keeps the rest. */
    private static final int MAX_TEXT = 1_000_000;
    /**
     * The most of a subject kept: a header line's limit (RFC 5322, 2.1.1), which the archive
     * keeps too. Every notice and list copy encodes the subject again, and 50,000 encoded words
     * in one Subject kept the routing worker encoding them for minutes, holding its locks.
     */
    private static final int MAX_SUBJECT = 998;
    /** The most of a sender's display name kept, for the same reason; the archive keeps 255. */
    private static final int MAX_NAME = 255;
    /**
     * The most Message-IDs of References kept: the first (the thread's root) and the nearest.
     * Each is a parameter of the threading queries and a row of the archive, and a megabyte of
     * References names 150,000 of them; RFC 5537 3.4.4 trims so too.
     */
    static final int MAX_REFERENCES = 50;

    private final String domain;

    public PostParser(String domain) {
        this.domain = domain;
    }

    public Post parse(byte[] raw) {
        List<String> problems = new ArrayList<>();
        Message message;
        try {
            message = parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | MimeException | RuntimeException e) {
            problems.add("unparseable: " + e.getClass().getSimpleName());
            return new Post(generatedId(raw), true, "", "", "", Optional.empty(), "", List.of(),
                    new Post.Headers(List.of(), List.of(), "", "", "", ""), raw.length, "", problems, List.of(),
                    RawMessage.parse(raw));
        }
        try {
            Header header = message.getHeader();
            String messageId = firstId(value(header, "Message-ID"));
            boolean generated = messageId.isEmpty();
            if (generated) {
                messageId = generatedId(raw);
            }
            Optional<Mailbox> from = firstMailbox(value(header, "From"));
            if (from.isEmpty()) {
                problems.add("no-sender: the From header has no address");
            }
            String subject = Clip.of(decoded(value(header, "Subject")), MAX_SUBJECT);
            Optional<Instant> date = date(header, message);
            Post.Headers headers = new Post.Headers(values(header, "List-Id"), values(header, "X-Parley-Loop"),
                    value(header, "Auto-Submitted").trim(), value(header, "Precedence").trim(),
                    value(header, "X-Auto-Response-Suppress").trim(), value(header, "Thread-Index").trim());
            return new Post(messageId, generated,
                    from.map(m -> m.getAddress().toLowerCase(Locale.ROOT)).orElse(""),
                    from.map(Mailbox::getName).map(name -> Clip.of(decoded(name), MAX_NAME)).orElse(""),
                    subject, date, firstId(value(header, "In-Reply-To")), references(value(header, "References")),
                    headers, raw.length, Clip.of(firstText(message), MAX_TEXT), problems, files(message, messageId),
                    RawMessage.parse(raw));
        } finally {
            message.dispose();
        }
    }

    /**
     * The files of a message as a reader sees them: every file part, and text parts marked as
     * attachments after the first text. Unreadable parts leave the list short, never the post unread.
     */
    private static List<Post.File> files(Message message, String messageId) {
        List<Post.File> out = new ArrayList<>();
        try {
            boolean firstText = true;
            for (MimeParts.Part part : MimeParts.leaves(message)) {
                boolean text = part.contentType().equals("text/plain") || part.contentType().equals("text/html");
                if (part.isFile() || (text && !firstText && part.attachment())) {
                    out.add(new Post.File(part.index(), part.filename(), part.contentType(),
                            part.size(), part.contentId()));
                }
                firstText &= !text;
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("attachments unreadable message-id={} error={}", messageId, e.toString());
        }
        return out;
    }

    /** Parses raw bytes into a Mime4j message with the forgiving settings used everywhere. */
    public static Message parseMessage(InputStream in) throws IOException, MimeException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.custom()
                .setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).setMaxContentLen(-1)
                .setStrictParsing(false).setMalformedHeaderStartsBody(true).build());
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder.parseMessage(in);
    }

    /** The first readable text: a text/plain part, else an HTML part as text; attachments are skipped. */
    public static String firstText(Entity entity) {
        String plain = findText(entity, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = findText(entity, "text/html");
        return html == null ? "" : HtmlText.toText(html);
    }

    private static String findText(Entity entity, String type) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                String found = findText(part, type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if ("attachment".equalsIgnoreCase(entity.getDispositionType())) {
            return null;
        }
        if (body instanceof SingleBody single && type.equalsIgnoreCase(entity.getMimeType())) {
            try (InputStream in = single.getInputStream()) {
                String text = TextDecoding.decode(in.readNBytes(MAX_TEXT * 4), entity.getCharset()).text();
                if (entity.getHeader().getField("Content-Type") instanceof ContentTypeField ct
                        && "flowed".equalsIgnoreCase(ct.getParameter("format"))) {
                    return Flowed.unflow(text, "yes".equalsIgnoreCase(ct.getParameter("delsp")));
                }
                return text;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** The unfolded value of the first such header, 8-bit bytes read as UTF-8 (RFC 6532) where valid. */
    public static String value(Header header, String name) {
        Field field = header.getField(name);
        return field == null ? "" : rawValue(field);
    }

    private static List<String> values(Header header, String name) {
        List<String> out = new ArrayList<>();
        for (Field field : header.getFields(name)) {
            out.add(rawValue(field));
        }
        return out;
    }

    private static String rawValue(Field field) {
        if (field.getRaw() == null) {
            return field.getBody() == null ? "" : field.getBody();
        }
        byte[] bytes = field.getRaw().toByteArray();
        String text = TextDecoding.decode(bytes, "utf-8").text();
        int colon = text.indexOf(':');
        String value = colon < 0 ? "" : text.substring(colon + 1);
        return BREAK.matcher(RawMessage.unfold(value)).replaceAll("").trim();
    }

    /** Decodes RFC 2047 encoded words; a broken word is left as written, never dropped. */
    public static String decoded(String value) {
        return EncodedWords.decode(value);
    }

    private static Optional<Mailbox> firstMailbox(String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            for (Address address : list) {
                if (address instanceof Mailbox mailbox && mailbox.getAddress().contains("@")) {
                    return Optional.of(mailbox);
                }
                if (address instanceof Group group && !group.getMailboxes().isEmpty()) {
                    return Optional.of(group.getMailboxes().get(0));
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Instant> date(Header header, Message message) {
        Optional<Instant> usual = MailDate.usual(value(header, "Date"));
        if (usual.isPresent()) {
            return usual;
        }
        try {
            return Optional.ofNullable(message.getDate()).map(Date::toInstant);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String firstId(String value) {
        Matcher m = MSG_ID.matcher(value);
        return m.find() ? m.group() : "";
    }

    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = MSG_ID.matcher(value);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The References kept: all of them, or the first and the nearest {@link #MAX_REFERENCES} - 1. */
    static List<String> references(String value) {
        List<String> all = ids(value);
        if (all.size() <= MAX_REFERENCES) {
            return all;
        }
        List<String> kept = new ArrayList<>(MAX_REFERENCES);
        kept.add(all.get(0));
        kept.addAll(all.subList(all.size() - (MAX_REFERENCES - 1), all.size()));
        return kept;
    }

    /** A stable Message-ID for a message without one: the same bytes always get the same id. */
    private String generatedId(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "<parley." + HexFormat.of().formatHex(digest, 0, 12) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
