package org.parley.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * What came back to a VERP address says: a delivery that failed for good (RFC 3464
 * status 5.x.x, or the same code, an SMTP reply or the usual words in the text of a
 * bounce that is no report), one that failed for now (4.x.x), an automatic reply
 * (RFC 3834), or a complaint (an RFC 5965 feedback report).
 */
public record BounceReport(Kind kind, String status, boolean givenUp) {

    /**
     * Whether the delivery failed for good: a permanent status, or a temporary one the
     * sending server gave up on (Postfix's "Action: failed, Status: 4.4.1" after days of tries).
     */
    public boolean failed() {
        return kind == Kind.PERMANENT || kind == Kind.TEMPORARY && givenUp;
    }

    public enum Kind { PERMANENT, TEMPORARY, AUTO_REPLY, COMPLAINT, UNKNOWN }

    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern REPLY = Pattern.compile("(?m)(?:^|[\\s:(\"'<])([45])([0-5])(\\d)(?:[ -]|$)");
    /** A warning that the server goes on trying: nothing has failed yet. */
    private static final Pattern STILL_TRYING = Pattern.compile("(?i)delivery (?:has been |is )?delayed|will (?:be )?retr|"
            + "not yet been delivered|still trying|will (?:continue|keep) (?:to )?try|try again later|\\(delay\\)|"
            + "warning: message|delivery status notification \\(delay");
    /** The server gave up: whatever the last error was, the message is not delivered. */
    private static final Pattern GAVE_UP = Pattern.compile("(?i)giving up|gave up|permanent (?:error|failure|fatal)|"
            + "failed permanently|could not be delivered|couldn't be delivered|was not delivered|cannot be delivered|"
            + "retry timeout exceeded|too long in (?:the )?queue|has been returned|undeliverable|not able to be delivered|"
            + "envelope expired|notification \\(failure\\)");
    /** Where a bounce is evidently one (not an automatic reply), whatever its Auto-Submitted says. */
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)mailer-daemon|postmaster|mail\\.?delivery|"
            + "mdaemon|daemon@|bounce");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|deliver(?:y|ed)|failure|failed|returned|"
            + "non[- ]?remis|unzustellbar|no entregado|error|not member|rejected|エラー|失敗|不達|退信");
    private static final Pattern PERMANENT_WORDS = Pattern.compile("(?i)permanent|user unknown|unknown user|no such user|"
            + "does not exist|doesn't exist|not exist|not listed|not (?:a )?member|couldn't find any host|host not found|"
            + "could not find a gateway|malformed recipient|unrouteable|invalid (?:recipient|mailbox|address)|"
            + "mailbox unavailable|no mailbox|recipient (?:address )?rejected|could not be delivered|undeliverable|"
            + "delivery (?:has )?failed|failed permanently|not accepted|refused|rejected|account (?:has been )?disabled|"
            + "address not found|retry timeout exceeded|returned mail|unable to deliver");

    /** Reads a returned message; never throws: what it cannot read is UNKNOWN. */
    public static BounceReport of(byte[] raw) {
        Collected c = collect(raw);
        String subject = c.subject.toLowerCase(Locale.ROOT);
        if (c.feedbackReport || c.topType.contains("report-type=feedback-report")) {
            return new BounceReport(Kind.COMPLAINT, "", false);
        }
        boolean bounce = c.looksLikeBounce || BOUNCE_SENDER.matcher(c.from).find() || BOUNCE_SUBJECT.matcher(subject).find();
        if (!bounce && autoReply(c, subject)) {
            return new BounceReport(Kind.AUTO_REPLY, "", false);
        }
        if (!c.dsnStatus.isEmpty()) {
            Matcher m = ENHANCED.matcher(c.dsnStatus);
            if (m.find() && !m.group(1).equals("2")) {
                // A 4.x.x status with "Action: failed" is the last error of a delivery given up.
                return new BounceReport(m.group(1).equals("5") ? Kind.PERMANENT : Kind.TEMPORARY, m.group(),
                        c.dsnAction.startsWith("failed"));
            }
        }
        if (c.dsnAction.startsWith("delayed")) {
            return new BounceReport(Kind.TEMPORARY, "", false);
        }
        String text = c.diagnostic + "\n" + c.text;
        String words = subject + "\n" + text;
        boolean stillTrying = STILL_TRYING.matcher(words).find();
        boolean gaveUp = !stillTrying && GAVE_UP.matcher(words).find();
        Optional<String> code = code(text);
        if (code.isPresent()) {
            return new BounceReport(code.get().startsWith("5") ? Kind.PERMANENT : Kind.TEMPORARY, code.get(), gaveUp);
        }
        if (stillTrying) {
            return new BounceReport(Kind.TEMPORARY, "", false);
        }
        if (gaveUp || c.dsnAction.startsWith("failed") || PERMANENT_WORDS.matcher(words).find()) {
            return new BounceReport(Kind.PERMANENT, "", true);
        }
        return new BounceReport(Kind.UNKNOWN, "", false);
    }

    /** The first RFC 3463 code in the text, else the first SMTP reply code as one (550 as 5.0.0). */
    private static Optional<String> code(String text) {
        Matcher enhanced = ENHANCED.matcher(text);
        while (enhanced.find()) {
            if (!enhanced.group(1).equals("2")) {
                return Optional.of(enhanced.group());
            }
        }
        Matcher reply = REPLY.matcher(text);
        return reply.find() ? Optional.of(reply.group(1) + ".0.0") : Optional.empty();
    }

    private static boolean autoReply(Collected c, String subject) {
        return c.autoSubmitted.startsWith("auto-replied") || c.xAutoreply || subject.startsWith("auto:") || subject.startsWith("automatic reply")
                || subject.startsWith("out of office") || subject.startsWith("absence") || subject.contains("autoreply")
                || subject.startsWith("réponse automatique") || subject.startsWith("respuesta automática");
    }

    /** What the parts of the message say, read in one pass. */
    private static final class Collected {
        String topType = "";
        String subject = "";
        String from = "";
        String autoSubmitted = "";
        boolean xAutoreply;
        boolean looksLikeBounce;
        boolean feedbackReport;
        String dsnStatus = "";
        String dsnAction = "";
        String diagnostic = "";
        final StringBuilder textBuilder = new StringBuilder();
        String text = "";
        int depth;
    }

    private static final int MAX_TEXT = 64 * 1024;

    private static Collected collect(byte[] raw) {
        Collected c = new Collected();
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();
        MimeStreamParser parser = new MimeStreamParser(config);
        parser.setContentDecoding(true);
        parser.setContentHandler(new AbstractContentHandler() {
            @Override
            public void startMessage() {
                c.depth++;
            }

            @Override
            public void endMessage() {
                c.depth--;
            }

            @Override
            public void field(Field field) {
                if (c.depth != 1) {
                    return; // the returned message's own header is not the bounce's
                }
                String name = field.getName().toLowerCase(Locale.ROOT);
                String value = field.getBody() == null ? "" : field.getBody().strip();
                switch (name) {
                    case "content-type" -> {
                        if (c.topType.isEmpty()) {
                            c.topType = value.toLowerCase(Locale.ROOT).replaceAll("\\s+", "").replace("\"", "");
                        }
                    }
                    case "subject" -> c.subject = EncodedWords.decode(value);
                    case "from", "sender", "return-path" -> c.from += " " + value;
                    case "auto-submitted" -> c.autoSubmitted = value.toLowerCase(Locale.ROOT);
                    case "x-autoreply", "x-autorespond" -> c.xAutoreply = true;
                    case "x-failed-recipients" -> c.looksLikeBounce = true;
                    default -> { }
                }
            }

            @Override
            public void body(BodyDescriptor bd, InputStream is) throws IOException {
                String type = bd.getMimeType().toLowerCase(Locale.ROOT);
                byte[] bytes = is.readNBytes(MAX_TEXT);
                String content = new String(bytes, StandardCharsets.ISO_8859_1);
                if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                    c.looksLikeBounce = true;
                    // Per-recipient fields follow the per-message ones; the first recipient's decide.
                    for (String line : content.replace("\r\n ", " ").replace("\n ", " ").split("\r?\n")) {
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("status:") && c.dsnStatus.isEmpty()) {
                            c.dsnStatus = line.substring(7).strip();
                        } else if (lower.startsWith("action:") && c.dsnAction.isEmpty()) {
                            c.dsnAction = lower.substring(7).strip();
                        } else if (lower.startsWith("diagnostic-code:") && c.diagnostic.isEmpty()) {
                            c.diagnostic = line.substring(16).strip();
                        }
                    }
                } else if (type.equals("message/feedback-report")) {
                    c.feedbackReport = true;
                } else if (type.startsWith("text/") && c.depth == 1 && c.textBuilder.length() < MAX_TEXT) {
                    c.textBuilder.append(content).append('\n');
                }
            }
        });
        try {
            parser.parse(new ByteArrayInputStream(raw));
        } catch (MimeException | IOException | RuntimeException e) {
            // what was read so far still counts
        }
        c.text = c.textBuilder.length() > MAX_TEXT ? c.textBuilder.substring(0, MAX_TEXT) : c.textBuilder.toString();
        return c;
    }
}
