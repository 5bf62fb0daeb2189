package org.parley.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code parley member add} and the other admin commands run while the server holds
 * the embedded database: the server listens on loopback and writes its port and a key to
 * DATA-DIR/admin.channel (readable by its owner only); the command line sends its
 * arguments there and prints what comes back.
 */
public final class AdminChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminChannel.class);
    static final String FILE = "admin.channel";

    private final ServerSocket server;
    private final Path file;
    private final String key;
    private final CommandRunner commands;

    AdminChannel(Path dataDir, CommandRunner commands) throws IOException {
        this.commands = commands;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.key = HexFormat.of().formatHex(secret);
        this.file = dataDir.resolve(FILE);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, server.getLocalPort() + " " + key + "\n", StandardCharsets.US_ASCII);
        Thread t = new Thread(this::serve, "admin-channel");
        t.setDaemon(true);
        t.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                handle(socket);
            } catch (SocketException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("admin channel request failed error={}", e.toString());
            }
        }
    }

    private void handle(Socket socket) throws IOException {
        socket.setSoTimeout(600_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        String given = in.readUTF();
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), key.getBytes(StandardCharsets.US_ASCII))) {
            LOG.warn("admin channel refused a client with a wrong key");
            return;
        }
        String[] args = new String[in.readInt()];
        for (int i = 0; i < args.length; i++) {
            args[i] = in.readUTF();
        }
        byte[] stdin = in.readNBytes(in.readInt());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            code = commands.run(args, stdin, o, e);
        }
        write(out, stdout.toByteArray());
        write(out, stderr.toByteArray());
        out.writeInt(code);
        out.flush();
    }

    private static void write(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("closing admin channel failed error={}", e.getMessage());
        }
    }
}
