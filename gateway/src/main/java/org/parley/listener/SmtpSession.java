package org.parley.listener;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP (RFC 5321) or LMTP (RFC 2033) conversation. The message is committed to the
 * store before the 250; LMTP answers once per recipient after the data.
 */
final class SmtpSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final int MAX_COMMAND = 2048;
    private static final int MAX_DATA_LINE = 1_000_000;
    private static final int MAX_RECIPIENTS = 100;
    private static final Pattern PATH = Pattern.compile("(?i)^(MAIL FROM|RCPT TO):\\s*<([^<>]*)>(.*)$");

    private final Socket socket;
    private final Settings settings;
    private final MailSink sink;
    private final String remote;
    private final Clock clock;
    private PacedInput paced;

    private String mailFrom;
    /** Each address once, whatever its case: a repeated RCPT must not store the message again. */
    private final List<String> recipients = new ArrayList<>();
    /** RCPT commands answered 250, repeats included: LMTP answers each after the data. */
    private int accepted;
    private boolean greeted;

    SmtpSession(Socket socket, Settings settings, MailSink sink, Clock clock) {
        this.socket = socket;
        this.clock = clock;
        this.settings = settings;
        this.sink = sink;
        this.remote = socket.getInetAddress().getHostAddress();
    }

    /** The protocol spoken, as the log names it. */
    private String protocol() {
        return lmtp() ? "lmtp" : "smtp";
    }

    private boolean lmtp() {
        return settings.inbound().protocol() == Settings.Protocol.LMTP;
    }

    @Override
    public void run() {
        try (socket) {
            Settings.Inbound inbound = settings.inbound();
            paced = new PacedInput(socket, clock, inbound.maxSessionTime(), inbound.idleTimeout(), inbound.minDataRate());
            LineReader in = new LineReader(paced);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            reply(out, "220 " + settings.domain() + " Parley " + (lmtp() ? "LMTP" : "ESMTP") + " ready");
            out.flush();
            try {
                converse(in, out);
            } catch (PacedInput.TooSlow e) {
                LOG.info("{} session cut off remote={} why={}", protocol(), remote, e.getMessage());
                reply(out, "421 4.4.2 " + settings.domain() + " closing: " + e.getMessage());
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            LOG.info("{} session timed out remote={}", protocol(), remote);
        } catch (IOException e) {
            LOG.info("{} session ended remote={} error={}", protocol(), remote, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} session failed remote={} error={}", protocol(), remote, e.toString(), e);
        }
    }

    private void converse(LineReader in, OutputStream out) throws IOException {
        while (true) {
            byte[] bytes;
            paced.expectLine();
            try {
                bytes = in.readLine(MAX_COMMAND);
            } catch (LineReader.TooLong e) {
                reply(out, "500 5.5.2 Line too long");
                out.flush();
                continue;
            }
            if (bytes == null) {
                return;
            }
            String line = new String(bytes, StandardCharsets.UTF_8);
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            boolean quit = false;
            switch (verb) {
                case "EHLO", "HELO", "LHLO" -> hello(out, verb, line);
                case "MAIL" -> mail(out, line);
                case "RCPT" -> rcpt(out, line);
                case "DATA" -> data(in, out);
                case "RSET" -> {
                    reset();
                    reply(out, "250 2.0.0 Ok");
                }
                case "NOOP" -> reply(out, "250 2.0.0 Ok");
                case "VRFY" -> reply(out, "252 2.5.0 Cannot verify, but will accept and try");
                case "HELP" -> reply(out, "214 2.0.0 See https://www.rfc-editor.org/rfc/rfc5321");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    quit = true;
                }
                default -> reply(out, "500 5.5.1 Command not recognised");
            }
            if (quit || !in.hasBuffered()) {
                out.flush();
            }
            if (quit) {
                return;
            }
        }
    }

    private void hello(OutputStream out, String verb, String line) throws IOException {
        boolean rightHello = lmtp() ? verb.equals("LHLO") : !verb.equals("LHLO");
        if (!rightHello) {
            reply(out, "500 5.5.1 " + (lmtp() ? "This is LMTP: use LHLO" : "This is SMTP: use EHLO or HELO"));
            return;
        }
        String client = line.substring(4);
        if (!client.startsWith(" ") || client.isBlank()) {
            // RFC 5321 4.1.1.1: the verb, a space and the client's name; Postfix answers the same.
            reply(out, "501 5.5.4 Syntax: " + verb + " hostname");
            return;
        }
        reset();
        greeted = true;
        if (verb.equals("HELO")) {
            reply(out, "250 " + settings.domain());
            return;
        }
        // The name is the client's: shown back only as printable ASCII, so it can write nothing into the reply.
        reply(out, "250-" + settings.domain() + " greets " + client.strip().replaceAll("[^\\x21-\\x7E]", "?"));
        reply(out, "250-PIPELINING");
        reply(out, "250-8BITMIME");
        reply(out, "250-SMTPUTF8");
        reply(out, "250-ENHANCEDSTATUSCODES");
        reply(out, "250 SIZE " + settings.inbound().maxMessageBytes());
    }

    private void mail(OutputStream out, String line) throws IOException {
        if (!greeted) {
            reply(out, "503 5.5.1 Say hello first");
            return;
        }
        if (mailFrom != null) {
            reply(out, "503 5.5.1 Sender already given");
            return;
        }
        Matcher m = PATH.matcher(line);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("MAIL FROM")) {
            reply(out, "501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        for (String param : m.group(3).strip().split("\\s+")) {
            if (param.toUpperCase(Locale.ROOT).startsWith("SIZE=")) {
                try {
                    if (Long.parseLong(param.substring(5)) > settings.inbound().maxMessageBytes()) {
                        reply(out, "552 5.3.4 Message too big for this forum (at most "
                                + settings.inbound().maxMessageBytes() + " bytes)");
                        return;
                    }
                } catch (NumberFormatException e) {
                    reply(out, "501 5.5.4 Bad SIZE");
                    return;
                }
            }
        }
        mailFrom = m.group(2);
        reply(out, "250 2.1.0 Ok");
    }

    private void rcpt(OutputStream out, String line) throws IOException {
        if (mailFrom == null) {
            reply(out, "503 5.5.1 Need MAIL first");
            return;
        }
        Matcher m = PATH.matcher(line);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("RCPT TO")) {
            reply(out, "501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        if (accepted >= MAX_RECIPIENTS) {
            reply(out, "452 4.5.3 Too many recipients");
            return;
        }
        String recipient = m.group(2).strip();
        boolean ours;
        try {
            ours = sink.accepts(recipient);
        } catch (RuntimeException e) {
            LOG.warn("recipient check failed rcpt={} error={}", recipient, e.toString());
            reply(out, "451 4.3.0 Temporary failure, try again later");
            return;
        }
        if (!ours) {
            LOG.info("{} refused recipient rcpt={} remote={}", protocol(), recipient, remote);
            reply(out, "550 5.1.1 <" + recipient + ">: no such list here (relay denied)");
            return;
        }
        accepted++;
        if (recipients.stream().anyMatch(recipient::equalsIgnoreCase)) {
            // Postfix and Sendmail drop a repeated recipient too; here each one would be a stored copy of the message.
            LOG.info("{} repeated recipient taken once rcpt={} remote={}", protocol(), recipient, remote);
        } else {
            recipients.add(recipient);
        }
        reply(out, "250 2.1.5 Ok");
    }

    private void data(LineReader in, OutputStream out) throws IOException {
        if (mailFrom == null || recipients.isEmpty()) {
            reply(out, "503 5.5.1 Need MAIL and RCPT first");
            return;
        }
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        out.flush();
        paced.expectData();
        long max = settings.inbound().maxMessageBytes();
        ByteArrayOutputStream message = new ByteArrayOutputStream(16384);
        boolean tooBig = false;
        // Only <CR><LF>.<CR><LF> ends the data. A bare LF or CR is neither a line end nor an
        // end of data here, and a message that has one is refused whole: a server that read
        // "<LF>.<LF>" as the end would take what follows as commands (SMTP smuggling), so no
        // reading of such bytes can be trusted to match the sender's MTA's.
        boolean bareLineEnd = false;
        boolean lineTooLong = false;
        boolean afterCrLf = true;
        while (true) {
            byte[] line;
            try {
                line = in.readLine(MAX_DATA_LINE);
            } catch (LineReader.TooLong e) {
                lineTooLong = true;
                afterCrLf = in.endedWithCrLf();
                continue;
            }
            if (line == null) {
                throw new IOException("connection closed during DATA");
            }
            boolean crlf = in.endedWithCrLf();
            if (line.length == 1 && line[0] == '.' && crlf && afterCrLf) {
                break;
            }
            afterCrLf = crlf;
            bareLineEnd |= !crlf || indexOf(line, (byte) '\r') >= 0;
            if (tooBig || bareLineEnd || lineTooLong) {
                continue;
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            if (message.size() + line.length + 2 > max) {
                tooBig = true;
                message = new ByteArrayOutputStream(0);
                continue;
            }
            message.write(line, from, line.length - from);
            message.write('\r');
            message.write('\n');
        }
        if (bareLineEnd) {
            LOG.warn("{} refused message with bare line ends from={} rcpt={} remote={}", protocol(), mailFrom, recipients,
                    remote);
            replyEach(out, "550 5.5.2 Bare <LF> or <CR> in the message: every line must end with <CR><LF>"
                    + " (RFC 5321 2.3.8)");
        } else if (lineTooLong) {
            LOG.info("{} refused message with a line over {} bytes from={} rcpt={} remote={}", protocol(), MAX_DATA_LINE,
                    mailFrom, recipients, remote);
            replyEach(out, "552 5.3.4 A line of the message is longer than " + MAX_DATA_LINE + " bytes; lines must be"
                    + " shorter (RFC 5322 2.1.1 asks for at most 998)");
        } else if (tooBig) {
            LOG.info("{} refused message too big from={} rcpt={} remote={}", protocol(), mailFrom, recipients, remote);
            replyEach(out, "552 5.3.4 Message too big for this forum (at most " + max + " bytes)");
        } else {
            store(out, message.toByteArray());
        }
        reset();
    }

    private static int indexOf(byte[] line, byte b) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void store(OutputStream out, byte[] raw) throws IOException {
        try {
            List<Long> ids = sink.accept(mailFrom, List.copyOf(recipients), remote, raw);
            replyEach(out, "250 2.0.0 Ok: stored as " + ids);
        } catch (RuntimeException e) {
            LOG.error("could not store message from={} rcpt={} error={}", mailFrom, recipients, e.toString());
            replyEach(out, "451 4.3.0 Could not store the message, try again later");
        }
    }

    /** LMTP gives one reply per recipient; SMTP one for the message. */
    private void replyEach(OutputStream out, String text) throws IOException {
        int count = lmtp() ? accepted : 1;
        for (int i = 0; i < count; i++) {
            reply(out, text);
        }
    }

    private void reset() {
        mailFrom = null;
        recipients.clear();
        accepted = 0;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
