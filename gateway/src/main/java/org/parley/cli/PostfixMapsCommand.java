package org.parley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The forum's addresses as a Postfix lookup table, so that the site's Postfix refuses an
 * unknown address during the SMTP conversation instead of accepting it and bouncing it later
 * (backscatter to whoever the sender claimed to be).
 */
@Command(name = "postfix-maps", mixinStandardHelpOptions = true,
        description = "Print (or write to a file) the forum's addresses as a Postfix table for"
                + " virtual_mailbox_maps; run postmap on the file, and run both again after room create.")
final class PostfixMapsCommand implements Callable<Integer>, AdminCommand, FilePath {
    @ParentCommand
    ParleyCommand parent;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the table here (replaced whole, never half written) instead of printing it.")
    String output;

    @Override
    public String path() {
        return output == null ? "" : output;
    }

    @Override
    public Integer call() {
        Context c = parent.context;
        Path file = output == null || output.isEmpty() ? null : Path.of(output).toAbsolutePath();
        // Where the table cannot go is said before the store is read for it.
        String unwritable = file == null ? null : Files.isDirectory(file) ? "it is a folder"
                : !Files.isDirectory(file.getParent()) ? "the folder " + file.getParent() + " does not exist" : null;
        if (unwritable != null) {
            throw new AdminException("cannot write " + file + ": " + unwritable + "; name a file in an existing folder",
                    ExitCode.USAGE);
        }
        List<String> addresses = c.admin().addresses();
        StringBuilder table = new StringBuilder("# the addresses of " + c.settings().domain()
                + ", written by parley postfix-maps: postmap this file after each change\n");
        for (String address : addresses) {
            table.append(address).append(" OK\n");
        }
        if (file == null) {
            c.out.print(table);
            return 0;
        }
        Path partial = null;
        try {
            // Postfix may read the table at any moment: it sees the old one or the new one.
            partial = Files.createTempFile(file.getParent(), ".parley-recipients", ".tmp");
            Files.writeString(partial, table, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new AdminException("cannot write " + file + ": " + e.getMessage() + " (may this user write there?)",
                    ExitCode.TEMPORARY);
        }
        c.out.println("wrote " + addresses.size() + " addresses to " + file + "; now run: postmap " + file);
        return 0;
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // The half-written copy is a hidden file beside the table; the message names the cause.
        }
    }
}
