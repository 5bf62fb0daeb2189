package org.parley.repository;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestData;

/**
 * The product stands alone: no file of the repository (build, code, tests, docs) names a
 * path outside it, so a fresh clone in an empty folder builds and passes its tests.
 */
class StandsAloneTest {
    private static final Pattern RELATIVE = Pattern.compile("(?<![\\w.])(?:\\.\\./)+[\\w.\\-/]*");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", "parley-data",
            ".cifuzz-corpus");
    private static final Set<String> TEXT = Set.of("java", "xml", "md", "properties", "txt", "css", "html", "sh",
            "json", "yml", "yaml", "csv", "tsv", "gitignore", "gitattributes", "run", "jte");

    static Path root() {
        return TestData.root();
    }

    /** Text files of the repository, messages kept as test data aside: they are mail, not paths. */
    static List<Path> files(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED_FOLDERS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return !root.relativize(p).toString().contains("src/test/resources/");
                    })
                    .filter(p -> TEXT.contains(extension(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * A relative path is fine when it names something of the repository, read from the file's
     * folder or from its module's folder (where a build or a test resolves it).
     */
    static boolean inside(Path root, Path file, String relative) {
        Path module = root.resolve(root.relativize(file).getName(0));
        for (Path base : List.of(file.getParent(), Files.isDirectory(module) ? module : root)) {
            Path resolved = base.resolve(relative).normalize();
            if (resolved.startsWith(root) && Files.exists(resolved)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noFileNamesAPathOutsideTheRepository() throws IOException {
        Path root = root();
        String outside = root.getParent() == null ? null : root.getParent().toString() + "/";
        List<String> found = new ArrayList<>();
        List<Path> files = files(root);
        assertTrue(files.size() > 50, "only " + files.size() + " files found under " + root);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Matcher m = RELATIVE.matcher(text);
            while (m.find()) {
                if (!inside(root, file, m.group())) {
                    found.add(root.relativize(file) + ": " + m.group());
                }
            }
            if (outside != null && outside.length() > 1 && text.contains(outside)) {
                found.add(root.relativize(file) + ": " + outside);
            }
        }
        assertTrue(found.isEmpty(), "paths outside the repository:\n" + String.join("\n", found));
    }

    @Test
    void theCheckSeesAPathThatLeavesTheRepository() {
        Path root = root();
        Path readme = root.resolve("README.md");
        // Written in two pieces so that this file does not trip its own check.
        assertTrue(!inside(root, readme, ".." + "/elsewhere/DESIGN.md"));
        assertTrue(inside(root, root.resolve("core").resolve("pom.xml"), "../config"));
    }
}
