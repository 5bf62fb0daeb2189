package org.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.parley.model.NonMemberAction;

/**
 * The forum's configuration, loaded once at start-up and validated here; every key is
 * documented in {@code config/parley.properties}.
 */
public record Settings(
        String domain,
        String forumName,
        List<String> languages,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Inbound inbound,
        Outbound outbound,
        Moderation moderation,
        Web web,
        Duration discussionLength,
        String protocolVersion,
        Duration digestInterval,
        int digestHour,
        Reputation reputation,
        Metrics metrics,
        LogFormat logFormat,
        String secret) {

    /** How log lines are written: as text, one line an event, or as one JSON object a line. */
    public enum LogFormat { PLAIN, JSON }

    /**
     * Where the Prometheus endpoint listens, if anywhere: on its own port (never the archive's,
     * which faces members), loopback by default.
     */
    public record Metrics(String host, OptionalInt port) {
        public Metrics {
            port.ifPresent(p -> requirePort("parley.metrics.port", p));
        }
    }

    /**
     * The mail listener, and what keeps one client from holding its doors: sessions per
     * client address, a whole session's time, a command line's time, a least data rate.
     */
    public record Inbound(String host, int port, Protocol protocol, long maxMessageBytes,
                          int maxSessions, Duration idleTimeout, int maxSessionsPerClient, Duration maxSessionTime,
                          int minDataRate, Mailbox mailbox) {
        public Inbound {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(protocol, "protocol");
            requirePort("parley.inbound.port", port);
            requirePositive("parley.inbound.max-message-bytes", maxMessageBytes);
            requirePositive("parley.inbound.max-sessions", maxSessions);
            requirePositive("parley.inbound.max-sessions-per-client", maxSessionsPerClient);
            requirePositive("parley.inbound.max-session-seconds", maxSessionTime.toSeconds());
            if (maxSessionsPerClient > maxSessions) {
                throw new ConfigException("parley.inbound.max-sessions-per-client (" + maxSessionsPerClient
                        + ") must not be above parley.inbound.max-sessions (" + maxSessions + ")");
            }
            if (minDataRate < 0) {
                throw new ConfigException("parley.inbound.min-data-rate must be 0 (no least rate) or more bytes a second");
            }
        }
    }

    /**
     * A mailbox to fetch the forum's mail from over IMAP, for a site whose mail is hosted
     * (Microsoft 365, Google Workspace) and cannot be handed to a listener; off without a host.
     * Each message is stored before it is moved to doneFolder (or deleted, without one).
     */
    public record Mailbox(String host, int port, MailboxSecurity security, String user, String password,
                          String folder, String doneFolder, Duration poll, boolean idle, String sslTrust) {
        public Mailbox {
            if (!host.isEmpty()) {
                requirePort("parley.inbound.imap.port", port);
                if (user.isEmpty()) {
                    throw new ConfigException("parley.inbound.imap.user: the mailbox's login is needed with"
                            + " parley.inbound.imap.host");
                }
                if (folder.isEmpty()) {
                    throw new ConfigException("parley.inbound.imap.folder: must not be empty (INBOX, say)");
                }
                if (folder.equalsIgnoreCase(doneFolder)) {
                    throw new ConfigException("parley.inbound.imap.done-folder must differ from parley.inbound.imap.folder");
                }
                requirePositive("parley.inbound.imap.poll-seconds", poll.toSeconds());
            }
        }

        /** Whether a mailbox is configured. */
        public boolean enabled() {
            return !host.isEmpty();
        }
    }

    /** How the IMAP connection is protected: implicit TLS (993), STARTTLS, or none (loopback only). */
    public enum MailboxSecurity { IMAPS, STARTTLS, NONE }

    /** SMTP or LMTP (RFC 2033), as the site's MTA speaks to us. */
    public enum Protocol { SMTP, LMTP }

    /** STARTTLS towards the relay. */
    public enum StartTls { NONE, OPTIONAL, REQUIRED }

    /** The SMTP relay and the outbox. */
    public record Outbound(String host, int port, StartTls startTls, String username, String password,
                           int workers, int batchSize, int commitEvery, int sliceSize, Duration lease, List<Duration> retryDelays,
                           Duration giveUpAfter, Duration timeout) {
        /** Positions within an outbox row are kept in ten bits of a copy's key. */
        public static final int MAX_SLICE = 1000;

        public Outbound {
            requirePort("parley.outbound.port", port);
            requirePositive("parley.outbound.workers", workers);
            requirePositive("parley.outbound.batch-size", batchSize);
            requirePositive("parley.outbound.slice-size", sliceSize);
            if (sliceSize > MAX_SLICE) {
                throw new ConfigException("parley.outbound.slice-size: at most " + MAX_SLICE + ", not " + sliceSize);
            }
            requirePositive("parley.outbound.commit-every", commitEvery);
            if (retryDelays.isEmpty()) {
                throw new ConfigException("parley.outbound.retry-delays: at least one delay is needed");
            }
            retryDelays = List.copyOf(retryDelays);
        }

        public boolean authenticates() {
            return !username.isEmpty();
        }
    }

    /**
     * What the moderation chain and the hold queue need; a post waiting longer than
     * {@code escalateAfter} is brought to the chief moderators; a join request waits
     * {@code focalPointWait} for a focal point of its delegation before the moderators get it.
     */
    public record Moderation(Duration tokenLifetime, NonMemberAction nonMember, long maxPostBytes,
                             int autoRepliesPerDay, Duration escalateAfter, Duration focalPointWait) {
        public Moderation {
            requirePositive("parley.moderation.max-post-bytes", maxPostBytes);
            requirePositive("parley.moderation.escalate-after-hours", escalateAfter.toHours());
            requirePositive("parley.moderation.focal-point-days", focalPointWait.toDays());
        }

        public Moderation(Duration tokenLifetime, NonMemberAction nonMember, long maxPostBytes, int autoRepliesPerDay,
                          Duration escalateAfter) {
            this(tokenLifetime, nonMember, maxPostBytes, autoRepliesPerDay, escalateAfter, Duration.ofDays(3));
        }
    }

    /**
     * What keeps the forum's mail welcome at the receivers: its DKIM keys ({@code dkim/SELECTOR.key}
     * in the data folder), the DNS resolver that DMARC policies are read from, from which policy
     * up a copy's From is rewritten to the list's, and how bounces end a member's delivery.
     */
    public record Reputation(List<String> dkimSelectors, LinkSigning linkSigning, List<String> oneClickProviders,
                             String dnsResolver,
                             Duration dnsTimeout, DmarcRewrite dmarcRewrite, DmarcAction dmarcAction,
                             int bounceThreshold, Duration bounceStale, int bounceWarnings,
                             Duration bounceWarningInterval) {
        public Reputation {
            dkimSelectors = List.copyOf(dkimSelectors);
            oneClickProviders = List.copyOf(oneClickProviders);
            for (String selector : dkimSelectors) {
                if (!selector.matches("[a-zA-Z0-9][a-zA-Z0-9-]{0,62}")) {
                    throw new ConfigException("parley.dkim.selectors: '" + selector + "' is not a DNS label");
                }
            }
            if (!dnsResolver.isEmpty() && !dnsResolver.matches("[^:\\s]+(:\\d{1,5})?|\\[[0-9a-fA-F:]+\\](:\\d{1,5})?")) {
                throw new ConfigException("parley.dns.resolver: '" + dnsResolver + "' is not HOST or HOST:PORT");
            }
            requirePositive("parley.dns.timeout-millis", dnsTimeout.toMillis());
            requirePositive("parley.bounce.threshold", bounceThreshold);
            requirePositive("parley.bounce.stale-days", bounceStale.toDays());
            requirePositive("parley.bounce.warning-days", bounceWarningInterval.toDays());
            if (bounceWarnings < 0) {
                throw new ConfigException("parley.bounce.warnings: " + bounceWarnings + " must not be negative");
            }
        }

        /** Signing and DMARC off, bounces as Mailman counts them: for tests and tools. */
        public static Reputation defaults() {
            return new Reputation(List.of(), LinkSigning.PROVIDERS, List.of("gmail.com"), "", Duration.ofSeconds(3),
                    DmarcRewrite.QUARANTINE, DmarcAction.MUNGE, 5, Duration.ofDays(7), 3, Duration.ofDays(7));
        }
    }

    /**
     * Which copies' own unsubscribe link the DKIM signature covers (one signature per copy,
     * instead of one per message): those to the mailbox providers that offer one-click
     * unsubscribe (PROVIDERS), all (ALWAYS), none (NEVER).
     */
    public enum LinkSigning { PROVIDERS, ALWAYS, NEVER }

    /** From which published DMARC policy up a copy's From becomes the list's. */
    public enum DmarcRewrite { NEVER, REJECT, QUARANTINE, NONE, ALWAYS }

    /**
     * What a rewritten copy looks like: the list's From with the author in Reply-To (MUNGE), and
     * in Cc too (MUNGE_CC, so that "reply all" reaches them), or the post wrapped whole (WRAP).
     */
    public enum DmarcAction { MUNGE, MUNGE_CC, WRAP }

    /** The archive web application. */
    public record Web(String host, int port, String baseUrl, Duration sessionIdle, Duration sessionMax) {
        public Web {
            if (port != 0) {
                requirePort("parley.web.port", port);
            }
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new ConfigException("parley.web.base-url: '" + baseUrl + "' must start with http:// or https://");
            }
        }

        /** Cookies get the Secure flag when members reach us over https. */
        public boolean secure() {
            return baseUrl.startsWith("https://");
        }
    }

    public Settings {
        domain = domain.toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new ConfigException("parley.domain: '" + domain + "' is not a mail domain");
        }
        if (languages.isEmpty()) {
            throw new ConfigException("parley.languages: at least one language is needed");
        }
        for (String language : languages) {
            if (!language.matches("[a-z]{2}")) {
                throw new ConfigException("parley.languages: '" + language + "' is not a two-letter language code");
            }
        }
        languages = List.copyOf(languages);
        requirePositive("parley.discussion.days", discussionLength.toDays());
        requirePositive("parley.digest.interval-days", digestInterval.toDays());
        if (digestHour < 0 || digestHour > 23) {
            throw new ConfigException("parley.digest.hour: " + digestHour + " is not an hour of the day (0 to 23, UTC)");
        }
        if (protocolVersion.isBlank()) {
            throw new ConfigException("parley.protocol.version: must not be empty");
        }
    }

    /** The forum's default language: the first one configured. */
    public String defaultLanguage() {
        return languages.get(0);
    }

    /** A copy with another secret, for when the secret comes from the data folder. */
    public Settings withSecret(String newSecret) {
        return new Settings(domain, forumName, languages, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                inbound, outbound, moderation, web, discussionLength, protocolVersion, digestInterval, digestHour,
                reputation, metrics, logFormat, newSecret);
    }

    private static void requirePort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(key + ": " + port + " is not a port number");
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + ": must be greater than 0, was " + value);
        }
    }
}
