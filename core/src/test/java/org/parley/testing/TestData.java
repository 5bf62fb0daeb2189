package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real messages written by others, kept in the repository under
 * {@code core/src/test/resources/corpus} (its README names each source and licence).
 */
public final class TestData {
    private static final Path CORPUS = Path.of("core", "src", "test", "resources", "corpus");

    private TestData() {
    }

    /** The repository's root: the nearest folder up from the module's working directory that holds the corpus. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(CORPUS))) {
                return dir;
            }
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        throw new IllegalStateException(CORPUS + " not found from " + start + " (run the tests from the repository)");
    }

    /** The corpus folder. */
    public static Path corpus() {
        return root().resolve(CORPUS);
    }

    /**
     * The real messages of the corpus that are mail as a client sends it: mail-parser's .eml
     * files and MimeKit's messages (without its bare bodies), sorted.
     */
    public static List<Path> realMessages() {
        List<Path> messages = new ArrayList<>(emls("mail-parser/eml"));
        try (Stream<Path> files = Files.list(corpus().resolve("mimekit/messages"))) {
            files.filter(p -> !p.getFileName().toString().startsWith("body.")).sorted().forEach(messages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** Every .eml under a folder of the corpus, sorted. */
    public static List<Path> emls(String folder) {
        try (Stream<Path> files = Files.walk(corpus().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
