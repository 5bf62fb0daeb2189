package org.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The words of the pages, per language, from web/messages_LANG.properties; English fills any gap. */
final class I18n {
    private static final String FALLBACK = "en";
    private final Map<String, Properties> bundles = new ConcurrentHashMap<>();

    String t(String language, String key, Object... args) {
        String pattern = bundle(language).getProperty(key);
        if (pattern == null) {
            pattern = bundle(FALLBACK).getProperty(key, key);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.forLanguageTag(language))
                .format(args);
    }

    boolean has(String language) {
        return !bundle(language).isEmpty();
    }

    Set<String> keys(String language) {
        return bundle(language).stringPropertyNames();
    }

    static boolean rightToLeft(String language) {
        return List.of("ar", "he", "fa", "ur").contains(language);
    }

    private Properties bundle(String language) {
        return bundles.computeIfAbsent(language, l -> {
            Properties p = new Properties();
            try (InputStream in = I18n.class.getResourceAsStream("/web/messages_" + l + ".properties")) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // an unreadable bundle leaves the language to the fallback
            }
            return p;
        });
    }
}
