package org.parley.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The command line's side of the {@link AdminChannel}. */
public final class AdminClient {
    private AdminClient() {
    }

    /**
     * Runs the command in the server if one serves this data folder; empty if none does
     * (no channel file, or nobody listening), and the caller runs it locally.
     */
    public static Optional<Integer> tryRemote(Path dataDir, String[] args, byte[] stdin, PrintStream out,
                                              PrintStream err) throws IOException {
        Path file = dataDir.resolve(AdminChannel.FILE);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Socket socket;
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(parts[0]));
        } catch (ConnectException | NumberFormatException e) {
            return Optional.empty(); // a file left by a server that is gone
        }
        try (socket) {
            DataOutputStream o = new DataOutputStream(socket.getOutputStream());
            o.writeUTF(parts[1]);
            o.writeInt(args.length);
            for (String arg : args) {
                o.writeUTF(arg);
            }
            o.writeInt(stdin.length);
            o.write(stdin);
            o.flush();
            DataInputStream i = new DataInputStream(socket.getInputStream());
            out.write(i.readNBytes(i.readInt()));
            err.write(i.readNBytes(i.readInt()));
            out.flush();
            err.flush();
            return Optional.of(i.readInt());
        }
    }
}
