package org.parley.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain SMTP/LMTP client that hands a message to Parley's listener the way an MTA would,
 * bytes as given. The demo posts its first message with it; tests and the benchmark too.
 */
public final class SmtpSubmission implements AutoCloseable {
    /** One reply: its code and text. */
    public record Reply(int code, String text) {
        public boolean ok() {
            return code / 100 == 2;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean lmtp;

    private SmtpSubmission(Socket socket, boolean lmtp) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
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
    public List<Reply> send(String mailFrom, List<String> recipients, byte[] raw) throws IOException {
        Reply mail = command("MAIL FROM:<" + mailFrom + "> SIZE=" + raw.length);
        if (!mail.ok()) {
            return List.of(mail);
        }
        int accepted = 0;
        Reply refused = null;
        for (String rcpt : recipients) {
            Reply r = command("RCPT TO:<" + rcpt + ">");
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
        Reply data = command("DATA");
        if (data.code() != 354) {
            return List.of(data);
        }
        writeDotStuffed(raw);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < (lmtp ? accepted : 1); i++) {
            replies.add(read());
        }
        return replies;
    }

    public Reply command(String line) throws IOException {
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

    private Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                String l = line.toString().replaceFirst("\r$", "");
                line.setLength(0);
                text.append(text.length() > 0 ? "\n" : "").append(l.length() > 4 ? l.substring(4) : "");
                if (l.length() < 4 || l.charAt(3) != '-') {
                    return new Reply(Integer.parseInt(l.substring(0, 3)), text.toString());
                }
            } else {
                line.append((char) b);
            }
        }
    }

    private void expect(Reply reply, String what) throws IOException {
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
