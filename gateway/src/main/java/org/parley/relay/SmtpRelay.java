package org.parley.relay;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.parley.config.Settings;
import org.parley.listener.LineReader;

/**
 * One connection to the SMTP relay, kept open for many transactions. With PIPELINING the
 * envelope commands of a transaction go out together, and behind each message the envelope
 * of the next copy, so that a delivery costs one round trip.
 */
final class SmtpRelay implements AutoCloseable {
    /** How one transaction went. */
    record Result(Kind kind, String reply) {
        enum Kind { SENT, TEMPORARY, PERMANENT }

        static Result of(SmtpReply reply) {
            Kind kind = reply.code() / 100 == 2 || reply.code() == 354 ? Kind.SENT
                    : reply.code() / 100 == 4 ? Kind.TEMPORARY : Kind.PERMANENT;
            return new Result(kind, reply.text());
        }
    }

    private final Socket socket;
    private final Watchdog.Guard guard;
    private final LineReader in;
    private final OutputStream out;
    private final boolean pipelining;
    /** What MAIL FROM adds after the address: the body's kind where the relay takes 8-bit. */
    private final String mailParameters;
    /** The envelope written ahead, behind the last message, whose replies are still to be read. */
    private Envelope opened;

    private SmtpRelay(Socket socket, Watchdog.Guard guard, boolean pipelining, boolean eightBit) throws IOException {
        this.socket = socket;
        this.guard = guard;
        this.in = new LineReader(guard.input(socket.getInputStream()), 8192);
        this.out = new BufferedOutputStream(guard.output(socket.getOutputStream()), BLOCK);
        this.pipelining = pipelining;
        this.mailParameters = eightBit ? " BODY=8BITMIME" : "";
    }

    /**
     * Connects, says EHLO, does STARTTLS and AUTH as configured. The socket blocks; the
     * watchdog ends any step of this or of a later transaction that outlasts the timeout.
     */
    static SmtpRelay connect(Settings.Outbound config, String heloName, Watchdog watchdog) throws IOException {
        Socket plain = new Socket();
        Watchdog.Guard guard = watchdog.guard(plain, config.timeout());
        Socket socket = plain;
        try {
            guard.run(() -> plain.connect(new InetSocketAddress(config.host(), config.port())));
            plain.setTcpNoDelay(true);
            Connection c = new Connection(plain, guard);
            c.expect(c.read(), 220, "greeting");
            List<String> features = c.ehlo(heloName);
            boolean tls = features.contains("STARTTLS");
            if (config.startTls() == Settings.StartTls.REQUIRED && !tls) {
                throw new RelayException("the relay does not offer STARTTLS, which parley.outbound.starttls requires");
            }
            if (tls && config.startTls() != Settings.StartTls.NONE) {
                c.command("STARTTLS");
                c.expect(c.read(), 220, "STARTTLS");
                SSLSocket secured = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, config.host(), config.port(), true);
                socket = secured;
                guard.run(secured::startHandshake);
                c = new Connection(secured, guard);
                features = c.ehlo(heloName);
            }
            if (config.authenticates()) {
                String plainAuth = Base64.getEncoder().encodeToString(("\0" + config.username() + "\0" + config.password())
                        .getBytes(StandardCharsets.UTF_8));
                c.command("AUTH PLAIN " + plainAuth);
                c.expect(c.read(), 235, "AUTH");
            }
            return new SmtpRelay(socket, guard, features.contains("PIPELINING"), features.contains("8BITMIME"));
        } catch (IOException | RuntimeException e) {
            guard.close();
            socket.close();
            throw e;
        }
    }

    /**
     * A message made ready for DATA once, for all its recipients: dot-stuffed, every line
     * ending in CRLF, the last one too.
     */
    record Payload(byte[] bytes) {
        static Payload of(byte[] content) {
            ByteArrayOutputStream stuffed = new ByteArrayOutputStream(content.length + 256);
            try {
                if (!writeStuffed(stuffed, content, true)) {
                    stuffed.write(CRLF);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array does not fail
            }
            return new Payload(stuffed.toByteArray());
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int BLOCK = 65536;
    private static final byte[] END = {'.', '\r', '\n'};

    /** One copy's envelope: its own sender (which names the copy) and its one recipient. */
    record Envelope(String mailFrom, String recipient) {
    }

    /**
     * Sends one copy. prefix is written before the payload (per-copy header lines, each
     * ending in CRLF). With PIPELINING, the envelope of next (the copy this connection sends
     * after this one, or null) goes out right behind this copy's message, in the same
     * write: RFC 2920 (3.1) lets message content open a group, so each copy after the
     * first costs one round trip instead of two. The next call must then be for next. An
     * IOException means the connection is gone and the outcome for this copy is unknown.
     *
     * <p>whileSent runs once the message is on its way and before its answer is read, so that
     * work of the caller's (a commit of progress) overlaps the round trip instead of adding to
     * it; it does not run when the relay refuses the copy before its message. Should it throw,
     * an answer is left unread: the connection is of no further use.
     */
    Result send(Envelope copy, byte[] prefix, Payload content, Envelope next, Runnable whileSent) throws IOException {
        if (opened != null && !opened.equals(copy)) {
            throw new IllegalStateException("the envelope of " + opened.recipient() + " is open on this connection, not "
                    + copy.recipient() + "'s");
        }
        boolean written = opened != null;
        opened = null;
        if (pipelining) {
            if (!written) {
                writeEnvelope(copy);
                out.flush();
            }
            SmtpReply mail = read();
            SmtpReply rcpt = read();
            SmtpReply data = read();
            if (data.code() == 354) {
                if (mail.code() / 100 != 2 || rcpt.code() / 100 != 2) {
                    writeEnd(); // the server took DATA anyway: end it empty and forget it
                    read();
                    return Result.of(mail.code() / 100 != 2 ? mail : rcpt);
                }
                return finish(prefix, content, next, whileSent);
            }
            resetAfterFailure();
            return Result.of(mail.code() / 100 != 2 ? mail : rcpt.code() / 100 != 2 ? rcpt : data);
        }
        command("MAIL FROM:<" + copy.mailFrom() + ">" + mailParameters);
        out.flush();
        SmtpReply mail = read();
        if (mail.code() / 100 != 2) {
            resetAfterFailure();
            return Result.of(mail);
        }
        command("RCPT TO:<" + copy.recipient() + ">");
        out.flush();
        SmtpReply rcpt = read();
        if (rcpt.code() / 100 != 2) {
            resetAfterFailure();
            return Result.of(rcpt);
        }
        command("DATA");
        out.flush();
        SmtpReply data = read();
        if (data.code() != 354) {
            resetAfterFailure();
            return Result.of(data);
        }
        return finish(prefix, content, null, whileSent);
    }

    /** MAIL, RCPT and DATA of one transaction, unflushed. */
    private void writeEnvelope(Envelope copy) throws IOException {
        // One string, one encoding, one write: this runs for every copy.
        out.write(("MAIL FROM:<" + copy.mailFrom() + ">" + mailParameters + "\r\nRCPT TO:<"
                + copy.recipient() + ">\r\nDATA\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private Result finish(byte[] prefix, Payload content, Envelope next, Runnable whileSent) throws IOException {
        if (!writeStuffed(out, prefix, true)) {
            out.write(CRLF);
        }
        // In blocks, so that each has the whole timeout to find room at a slow relay.
        byte[] bytes = content.bytes();
        for (int off = 0; off < bytes.length; off += BLOCK) {
            out.write(bytes, off, Math.min(BLOCK, bytes.length - off));
        }
        out.write(END);
        if (next != null && pipelining) {
            writeEnvelope(next);
            opened = next;
        }
        out.flush();
        whileSent.run();
        return Result.of(read());
    }

    private void writeEnd() throws IOException {
        out.write(END);
        out.flush();
    }

    /** Dot-stuffs and turns bare LF into CRLF; returns whether the output ends at a line start. */
    private static boolean writeStuffed(OutputStream out, byte[] data, boolean atLineStart) throws IOException {
        boolean lineStart = atLineStart;
        int runStart = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (lineStart && b == '.') {
                out.write(data, runStart, i - runStart);
                out.write('.');
                runStart = i;
            }
            if (b == '\n' && (i == 0 || data[i - 1] != '\r')) {
                out.write(data, runStart, i - runStart);
                out.write('\r');
                runStart = i;
            }
            lineStart = b == '\n';
        }
        out.write(data, runStart, data.length - runStart);
        return data.length == 0 ? atLineStart : lineStart;
    }

    private void resetAfterFailure() throws IOException {
        command("RSET");
        out.flush();
        read();
    }

    private void command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private SmtpReply read() throws IOException {
        return SmtpReply.read(in);
    }

    @Override
    public void close() {
        try {
            if (opened == null) { // else QUIT would be read as the open transaction's message
                command("QUIT");
                out.flush();
                read();
            }
        } catch (IOException e) {
            // closing anyway
        }
        guard.close();
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** The unbuffered start of a connection: greeting, EHLO, STARTTLS, AUTH. */
    private static final class Connection {
        private final LineReader in;
        private final OutputStream out;

        Connection(Socket socket, Watchdog.Guard guard) throws IOException {
            this.in = new LineReader(guard.input(socket.getInputStream()), 8192);
            this.out = guard.output(socket.getOutputStream());
        }

        SmtpReply read() throws IOException {
            return SmtpReply.read(in);
        }

        void command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void expect(SmtpReply reply, int code, String what) {
            if (reply.code() != code) {
                throw new RelayException("the relay answered " + what + " with " + reply.code() + " " + reply.text());
            }
        }

        List<String> ehlo(String name) throws IOException {
            command("EHLO " + name);
            SmtpReply reply = read();
            expect(reply, 250, "EHLO");
            List<String> features = new ArrayList<>();
            for (String line : reply.text().split("\n")) {
                features.add(line.strip().split(" ")[0].toUpperCase(Locale.ROOT));
            }
            return features;
        }
    }
}
