package org.parley.notices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forum's protocol (how it works, community rules, security policy, copyright): one
 * document per language under {@code config/protocol/<lang>.md}, with one version for all
 * of them ({@code parley.protocol.version}) that members accept.
 */
public final class Protocol {
    private static final String ROOT = "/parley-config/protocol/";

    private final String version;
    private final Map<String, Optional<String>> texts = new ConcurrentHashMap<>();

    public Protocol(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    /** The document in the first of the languages that has it. */
    public Text text(List<String> languages) {
        for (String language : languages) {
            Optional<String> text = texts.computeIfAbsent(language, Protocol::load);
            if (text.isPresent()) {
                return new Text(language, text.get());
            }
        }
        throw new IllegalStateException("the protocol is missing in " + languages);
    }

    /** Whether a language has the document, for the completeness test. */
    public boolean has(String language) {
        return texts.computeIfAbsent(language, Protocol::load).isPresent();
    }

    /** The protocol in one language. */
    public record Text(String language, String body) {
    }

    private static Optional<String> load(String language) {
        try (InputStream in = Protocol.class.getResourceAsStream(ROOT + language + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
