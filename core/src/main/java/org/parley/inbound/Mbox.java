package org.parley.inbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mbox format as Mailman, HyperKitty, Sympa, Thunderbird and Google Takeout write it:
 * each message starts with a line {@code From SENDER DATE} after an empty line (or at the
 * start, or naming a sender where a writer left the empty line out); a body line that would look like one was written with a {@code >} before it
 * (mboxrd: {@code >From}, {@code >>From}, ...), and one {@code >} is taken off when read.
 * Lines end in LF in the file and in CRLF in the messages, as they came by SMTP.
 */
public final class Mbox {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_LINE = 1 << 20;
    private static final Pattern ENVELOPE = Pattern.compile("From (\\S+@\\S+|-|MAILER-DAEMON)(\\s.*)?");

    private Mbox() {
    }

    /** Reads an mbox a message at a time, never the whole file. */
    public static final class Reader {
        private final InputStream in;
        private byte[] pending;
        private boolean started;

        public Reader(InputStream in) {
            this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        }

        /** The next message's bytes (CRLF lines), or empty at the end of the file. */
        public Optional<byte[]> next() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            boolean previousBlank = true;
            boolean any = false;
            int blanks = 0;
            while (true) {
                byte[] line = pending != null ? pending : line();
                pending = null;
                if (line == null) {
                    break;
                }
                if (isSeparator(line) && (previousBlank || isEnvelope(line))) {
                    if (started && any) {
                        pending = line;
                        break;
                    }
                    started = true;
                    continue;
                }
                if (!started) {
                    continue; // bytes before the first separator are not a message
                }
                boolean blank = line.length == 0;
                if (blank) {
                    blanks++; // the blank line before a separator belongs to the file, not the message
                } else {
                    for (; blanks > 0; blanks--) {
                        message.write('\r');
                        message.write('\n');
                    }
                    int from = unescapes(line) ? 1 : 0;
                    message.write(line, from, line.length - from);
                    message.write('\r');
                    message.write('\n');
                    any = true;
                }
                previousBlank = blank;
            }
            if (!any) {
                return Optional.empty();
            }
            // A message's own trailing empty lines (but the one the format puts before the next) stay.
            for (; blanks > 1; blanks--) {
                message.write('\r');
                message.write('\n');
            }
            return Optional.of(message.toByteArray());
        }

        /** A line without its LF or CRLF; null at the end. */
        private byte[] line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() < MAX_LINE) {
                    line.write(b);
                }
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    private static boolean isSeparator(byte[] line) {
        return startsWith(line, 0, "From ");
    }

    /**
     * A separator without the empty line before it, as Netscape and others wrote them:
     * trusted only when it names a sender as those lines do (an address, "-" or
     * MAILER-DAEMON), not for a body line that merely starts with "From".
     */
    private static boolean isEnvelope(byte[] line) {
        return ENVELOPE.matcher(new String(line, StandardCharsets.ISO_8859_1)).matches();
    }

    /** {@code >From }, {@code >>From }, ...: a body line escaped by the writer. */
    private static boolean unescapes(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return i > 0 && startsWith(line, i, "From ");
    }

    private static boolean startsWith(byte[] line, int at, String text) {
        if (line.length - at < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (line[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Writes one message: its separator line, its lines with LF and escaped, and an empty line. */
    public static void write(OutputStream out, String sender, Instant date, byte[] raw) throws IOException {
        String envelope = sender == null || sender.isBlank() || sender.chars().anyMatch(c -> c <= ' ') ? "MAILER-DAEMON" : sender;
        out.write(("From " + envelope + " " + ASCTIME.format(date) + "\n").getBytes(StandardCharsets.UTF_8));
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '\n') {
                int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
                if (i == raw.length && end == start) {
                    break; // the last line ended with the message
                }
                byte[] line = Arrays.copyOfRange(raw, start, end);
                if (isSeparator(line) || unescapes(line)) {
                    out.write('>');
                }
                out.write(line);
                out.write('\n');
                start = i + 1;
            }
        }
        out.write('\n');
    }
}
