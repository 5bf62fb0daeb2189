package org.parley.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.parley.model.NonMemberAction;

/**
 * Reads the configuration: the defaults shipped in {@code config/parley.properties}, then an
 * optional file, then environment variables ({@code parley.inbound.port} ->
 * {@code PARLEY_INBOUND_PORT}), then explicit overrides (tests, the demo).
 */
public final class SettingsLoader {
    private static final String DEFAULTS = "/parley-config/parley.properties";

    private final Properties values = new Properties();

    private SettingsLoader(Properties defaults) {
        values.putAll(defaults);
    }

    /** Starts from the shipped defaults. */
    public static SettingsLoader defaults() {
        Properties defaults = new Properties();
        try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("the default configuration " + DEFAULTS + " is missing from the build");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the default configuration: " + e.getMessage(), e);
        }
        return new SettingsLoader(defaults);
    }

    /** Lays a properties file over what is there; unknown keys are refused so typos show. */
    public SettingsLoader file(Path file) {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        for (String key : read.stringPropertyNames()) {
            set(key, read.getProperty(key));
        }
        return this;
    }

    /** Lays the environment over what is there. */
    public SettingsLoader environment(Map<String, String> env) {
        for (String key : values.stringPropertyNames()) {
            String value = env.get(environmentName(key));
            if (value != null) {
                values.setProperty(key, value);
            }
        }
        return this;
    }

    /** Sets one key; the key must exist in the defaults. */
    public SettingsLoader set(String key, String value) {
        if (!values.containsKey(key)) {
            throw new ConfigException("unknown configuration key '" + key + "' (see config/parley.properties)");
        }
        values.setProperty(key, value.trim());
        return this;
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Validates and builds the settings. */
    public Settings load() {
        Path dataDir = Path.of(get("parley.data-dir")).toAbsolutePath().normalize();
        return new Settings(
                get("parley.domain"),
                get("parley.forum-name"),
                list("parley.languages"),
                dataDir,
                get("parley.db.url"),
                get("parley.db.user"),
                get("parley.db.password"),
                integer("parley.db.pool-size"),
                new Settings.Inbound(
                        get("parley.inbound.host"),
                        integer("parley.inbound.port"),
                        choice("parley.inbound.protocol", Settings.Protocol.class),
                        longValue("parley.inbound.max-message-bytes"),
                        integer("parley.inbound.max-sessions"),
                        Duration.ofSeconds(longValue("parley.inbound.idle-timeout-seconds")),
                        integer("parley.inbound.max-sessions-per-client"),
                        Duration.ofSeconds(longValue("parley.inbound.max-session-seconds")),
                        integer("parley.inbound.min-data-rate"),
                        new Settings.Mailbox(
                                get("parley.inbound.imap.host"),
                                integer("parley.inbound.imap.port"),
                                choice("parley.inbound.imap.security", Settings.MailboxSecurity.class),
                                get("parley.inbound.imap.user"),
                                get("parley.inbound.imap.password"),
                                get("parley.inbound.imap.folder"),
                                get("parley.inbound.imap.done-folder"),
                                Duration.ofSeconds(longValue("parley.inbound.imap.poll-seconds")),
                                bool("parley.inbound.imap.idle"),
                                get("parley.inbound.imap.ssl-trust"))),
                new Settings.Outbound(
                        get("parley.outbound.host"),
                        integer("parley.outbound.port"),
                        startTls(),
                        get("parley.outbound.username"),
                        get("parley.outbound.password"),
                        integer("parley.outbound.workers"),
                        integer("parley.outbound.batch-size"),
                        integer("parley.outbound.commit-every"),
                        integer("parley.outbound.slice-size"),
                        Duration.ofSeconds(longValue("parley.outbound.lease-seconds")),
                        seconds("parley.outbound.retry-delays"),
                        Duration.ofHours(longValue("parley.outbound.give-up-hours")),
                        Duration.ofSeconds(longValue("parley.outbound.timeout-seconds"))),
                new Settings.Moderation(
                        Duration.ofDays(longValue("parley.moderation.token-days")),
                        choice("parley.moderation.non-member", NonMemberAction.class),
                        longValue("parley.moderation.max-post-bytes"),
                        integer("parley.moderation.auto-replies-per-day"),
                        Duration.ofHours(longValue("parley.moderation.escalate-after-hours")),
                        Duration.ofDays(longValue("parley.moderation.focal-point-days"))),
                new Settings.Web(
                        get("parley.web.host"),
                        integer("parley.web.port"),
                        get("parley.web.base-url"),
                        Duration.ofMinutes(longValue("parley.web.session-idle-minutes")),
                        Duration.ofHours(longValue("parley.web.session-max-hours"))),
                Duration.ofDays(longValue("parley.discussion.days")),
                get("parley.protocol.version").strip(),
                Duration.ofDays(longValue("parley.digest.interval-days")),
                integer("parley.digest.hour"),
                new Settings.Reputation(
                        list("parley.dkim.selectors"),
                        choice("parley.dkim.sign-unsubscribe", Settings.LinkSigning.class),
                        list("parley.dkim.one-click-providers"),
                        get("parley.dns.resolver"),
                        Duration.ofMillis(longValue("parley.dns.timeout-millis")),
                        choice("parley.dmarc.rewrite-from", Settings.DmarcRewrite.class),
                        choice("parley.dmarc.action", Settings.DmarcAction.class),
                        integer("parley.bounce.threshold"),
                        Duration.ofDays(longValue("parley.bounce.stale-days")),
                        integer("parley.bounce.warnings"),
                        Duration.ofDays(longValue("parley.bounce.warning-days"))),
                new Settings.Metrics(get("parley.metrics.host"), optionalPort("parley.metrics.port")),
                choice("parley.log.format", Settings.LogFormat.class),
                get("parley.secret"));
    }

    /**
     * Writes every key as it stands now to a properties file that {@link #file} reads back, so
     * that another process (the bench's server) starts from exactly this configuration.
     */
    public void write(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(out, "written by Parley");
        } catch (IOException e) {
            throw new ConfigException("cannot write configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw value of a key, for commands that report the configuration. */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    private String get(String key) {
        return values.getProperty(key, "").trim();
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String part : get(key).split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + get(key) + "' is not a whole number");
        }
    }

    private int integer(String key) {
        long value = longValue(key);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new ConfigException(key + ": " + value + " is too large");
        }
        return (int) value;
    }

    private List<Duration> seconds(String key) {
        List<Duration> out = new ArrayList<>();
        for (String part : list(key)) {
            try {
                out.add(Duration.ofSeconds(Long.parseLong(part)));
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": '" + part + "' is not a number of seconds");
            }
        }
        return out;
    }

    /** A port, or none when the key is empty. */
    private OptionalInt optionalPort(String key) {
        return get(key).isBlank() ? OptionalInt.empty() : OptionalInt.of(integer(key));
    }

    /** A yes or a no, as administrators write it. */
    private boolean bool(String key) {
        return switch (get(key).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key + ": '" + get(key) + "' is neither true nor false");
        };
    }

    /** STARTTLS as administrators write it: none/optional/required, or a yes or a no. */
    private Settings.StartTls startTls() {
        String key = "parley.outbound.starttls";
        switch (get(key).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return Settings.StartTls.REQUIRED;
            }
            case "false", "no", "off" -> {
                return Settings.StartTls.NONE;
            }
            default -> {
                try {
                    return choice(key, Settings.StartTls.class);
                } catch (ConfigException e) {
                    throw new ConfigException(e.getMessage() + " (or true/yes for required, false/no for none)");
                }
            }
        }
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = get(key).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": '" + get(key) + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }
}
