package org.parley.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.parley.listener.LineReader;
import org.parley.relay.SmtpReply;

/**
 * A plain SMTP/LMTP client that hands a message to Parley's listener the way an MTA would,
 * bytes as given. The demo posts its first message with it; tests and the benchmark too.
 */
public final class SmtpSubmission implements AutoCloseable {
    private final Socket socket;
    private final LineReader in;
    private final OutputStream out;
    private final boolean lmtp;

    private SmtpSubmission(Socket socket, boolean lmtp) throws IOException {
        this.socket = socket;
        this.in = new LineReader(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.lmtp = lmtp;
    }

    public static SmtpSubmission connect(String host, int port, boolean lmtp) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        SmtpSubmission s = new SmtpSubmission(socket, lmtp);
        s.expect(s.read(), "greeting");
        s.expect(s.command((lmtp ? "LHLO" : "EHLO") + " client.test"), "hello");
        return s;
    }

    /** Sends one message; the replies to DATA's end (one, or one per recipient under LMTP), or the first refusal. */
    public List<SmtpReply> send(String mailFrom, List<String> recipients, byte[] raw) throws IOException {
        SmtpReply mail = command("MAIL FROM:<" + mailFrom + "> SIZE=" + raw.length);
        if (!mail.ok()) {
            return List.of(mail);
        }
        int accepted = 0;
        SmtpReply refused = null;
        for (String rcpt : recipients) {
            SmtpReply r = command("RCPT TO:<" + rcpt + ">");
            if (r.ok()) {
                accepted++;
            } else if (refused == null) {
                refused = r;
            }
        }
        if (accepted == 0) {
            command("RSET");
            return List.of(refused);
        }
        SmtpReply data = command("DATA");
        if (data.code() != 354) {
            return List.of(data);
        }
        writeDotStuffed(raw);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<SmtpReply> replies = new ArrayList<>();
        for (int i = 0; i < (lmtp ? accepted : 1); i++) {
            replies.add(read());
        }
        return replies;
    }

    public SmtpReply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private void writeDotStuffed(byte[] raw) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
    }

    private SmtpReply read() throws IOException {
        return SmtpReply.read(in);
    }

    private void expect(SmtpReply reply, String what) throws IOException {
        if (!reply.ok()) {
            throw new IOException(what + " refused: " + reply.code() + " " + reply.text());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // closing anyway
        }
        socket.close();
    }
}
