package org.parley.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestData;

/**
 * The packages stand on floors: the model on the ground, the store on it, the features above,
 * routing and the composition root on top, each importing only what stands below it. Read
 * from the sources of every module, so a new import that runs back up fails here, named.
 */
class FloorsTest {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (org\\.parley[\\w.]*);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(org\\.parley(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(org\\.parley(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"|(?m)^(?:import|package) [^\\n]*", Pattern.DOTALL);

    /** Package to the packages it uses, with one file that shows each use. */
    private static Map<String, Map<String, Path>> graph(List<Path> sources) {
        Map<String, Map<String, Path>> uses = new TreeMap<>();
        for (Path file : sources) {
            String text = read(file);
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                continue;
            }
            String from = pkg.group(1);
            Map<String, Path> edges = uses.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                if (!imports.group(1).equals(from)) {
                    edges.putIfAbsent(imports.group(1), file);
                }
            }
        }
        return uses;
    }

    private static List<Path> sources() {
        try (Stream<Path> all = Files.walk(TestData.root())) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> TestData.root().relativize(p).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every cycle's packages, found as strongly connected components (Tarjan). */
    static List<Set<String>> cycles(Map<String, Map<String, Path>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Map<String, Path>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!graph.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static String describe(Set<String> cycle, Map<String, Map<String, Path>> graph) {
        StringBuilder out = new StringBuilder("packages in a circle: " + cycle);
        for (String from : cycle) {
            graph.get(from).forEach((to, file) -> {
                if (cycle.contains(to)) {
                    out.append("\n  ").append(from).append(" -> ").append(to).append(" (e.g. ")
                            .append(TestData.root().relativize(file)).append(')');
                }
            });
        }
        return out.toString();
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Map<String, Map<String, Path>> graph = graph(sources());
        assertTrue(graph.size() > 20, "the sources were not found: " + graph.keySet());
        List<Set<String>> cycles = cycles(graph);
        assertTrue(cycles.isEmpty(), () -> String.join("\n", cycles.stream().map(c -> describe(c, graph)).toList()));
    }

    @Test
    void theModelStandsOnNothingElseOfParley() {
        Map<String, Path> uses = graph(sources()).get("org.parley.model");
        assertEquals(Map.of(), uses, "the ground floor imports: " + uses);
    }

    @Test
    void dependenciesAreImportedNotWrittenOutInline() {
        List<String> inline = new ArrayList<>();
        for (Path file : sources()) {
            Matcher m = QUALIFIED.matcher(COMMENTS_AND_STRINGS.matcher(read(file)).replaceAll(""));
            while (m.find()) {
                inline.add(TestData.root().relativize(file) + ": " + m.group());
            }
        }
        assertEquals(List.of(), inline, "an inline qualified name hides a dependency from the imports");
    }

    @Test
    void aCircleIsSeen() {
        Path a = Path.of("A.java");
        Map<String, Map<String, Path>> graph = Map.of(
                "x", Map.of("y", a), "y", Map.of("z", a), "z", Map.of("x", a), "w", Map.of("x", a));
        assertEquals(List.of(Set.of("x", "y", "z")), cycles(graph));
    }
}
