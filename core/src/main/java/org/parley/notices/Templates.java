package org.parley.notices;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts the forum writes, one file per notice and language under
 * {@code config/templates/<lang>/}, and the short phrases in {@code phrases.properties}.
 * A language is chosen from a list of preferences; the first that has the text wins.
 */
public final class Templates {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([a-z][a-z0-9-]*)}}");
    private static final String ROOT = "/parley-config/templates/";

    private final Map<String, Optional<String>> files = new ConcurrentHashMap<>();
    private final Map<String, Properties> phrases = new ConcurrentHashMap<>();

    /** A rendered text: subject (may be empty) and body. */
    public record Text(String subject, String body, String language) {
    }

    /** Renders a template in the first language of the preferences that has it. */
    public Text render(String name, List<String> languages, Map<String, String> values) {
        for (String language : languages) {
            Optional<String> source = file(language, name + ".txt");
            if (source.isPresent()) {
                return split(fill(source.get(), values, name), language);
            }
        }
        throw new IllegalStateException("template " + name + " is missing in " + languages);
    }

    /** A short phrase in the first language that has it. */
    public String phrase(String key, List<String> languages, Map<String, String> values) {
        for (String language : languages) {
            String value = phrases.computeIfAbsent(language, this::loadPhrases).getProperty(key);
            if (value != null) {
                return fill(value, values, key);
            }
        }
        throw new IllegalStateException("phrase " + key + " is missing in " + languages);
    }

    /** Whether a language has a template, for the completeness test. */
    public boolean has(String language, String name) {
        return file(language, name + ".txt").isPresent();
    }

    /** The variables a template names, for the completeness test. */
    public Set<String> variables(String language, String name) {
        Set<String> names = new LinkedHashSet<>();
        file(language, name + ".txt").ifPresent(text -> {
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** The variables a phrase names, for the completeness test. */
    public Set<String> phraseVariables(String language, String key) {
        Set<String> names = new TreeSet<>();
        String value = phrases.computeIfAbsent(language, this::loadPhrases).getProperty(key, "");
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The phrase keys of a language, for the completeness test. */
    public Set<String> phraseKeys(String language) {
        return phrases.computeIfAbsent(language, this::loadPhrases).stringPropertyNames();
    }

    private static String fill(String text, Map<String, String> values, String what) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(what + " names {{" + m.group(1) + "}}, which the code does not provide");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Text split(String text, String language) {
        String normal = text.replace("\r\n", "\n");
        if (normal.startsWith("Subject:")) {
            int end = normal.indexOf('\n');
            String subject = normal.substring("Subject:".length(), end < 0 ? normal.length() : end).strip();
            String body = end < 0 ? "" : normal.substring(end + 1).replaceFirst("^\n", "");
            return new Text(subject, body, language);
        }
        return new Text("", normal, language);
    }

    private Optional<String> file(String language, String file) {
        return files.computeIfAbsent(language + "/" + file, key -> {
            try (InputStream in = Templates.class.getResourceAsStream(ROOT + key)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private Properties loadPhrases(String language) {
        Properties props = new Properties();
        try (InputStream in = Templates.class.getResourceAsStream(ROOT + language + "/phrases.properties")) {
            if (in != null) {
                props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // A missing or unreadable file leaves the language without phrases; the fallback serves.
        }
        return props;
    }
}
