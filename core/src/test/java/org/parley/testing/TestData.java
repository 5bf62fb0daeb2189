package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real messages written by others, in ../shared/testdata (see its README for sources and licences). */
public final class TestData {
    private TestData() {
    }

    /** The shared test data folder, found from the module's working directory upwards. */
    public static Path shared() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("testdata");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("../shared/testdata not found from " + Path.of("").toAbsolutePath());
    }

    /** Every .eml under a folder of the shared data, sorted. */
    public static List<Path> emls(String folder) {
        try (Stream<Path> files = Files.walk(shared().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
