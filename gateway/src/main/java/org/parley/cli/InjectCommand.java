package org.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "inject", mixinStandardHelpOptions = true,
        description = "Take one message for a list address, as an MTA pipe hands it over (exit 75: try again).")
final class InjectCommand implements Callable<Integer>, AdminCommand, FileInput {
    @ParentCommand
    ParleyCommand parent;
    @Parameters(index = "0", paramLabel = "LIST-ADDRESS", description = "e.g. strategies-fr@forum.example.org")
    String address;
    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The message; - or nothing reads stdin.")
    String file = "-";

    @Override
    public String file() {
        return file;
    }

    /** The message bytes, read where the command was typed even when a server runs it. */
    static byte[] read(String file, Context c) throws IOException {
        if (file == null || file.equals("-")) {
            return c.readStdin();
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new AdminException("no such file: " + file, ExitCode.DATA);
        }
    }

    @Override
    public Integer call() throws IOException {
        Context c = parent.context;
        byte[] raw = read(file, c);
        List<Long> ids = c.admin().inject(address, raw);
        c.out.println("stored as " + ids);
        return 0;
    }
}
