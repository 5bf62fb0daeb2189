package org.parley.welcome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Outgoing;
import org.parley.distribution.Personalisation;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.model.Subscription;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Protocol;
import org.parley.notices.Templates;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-use, expiring links sent by mail: a new member's set-password link, a password
 * reset, a one-time login. The link carries a random token; the store keeps only its hash.
 */
public final class AccessLinks {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLinks.class);

    /** What a link is for, how long it lives, which template announces it and where it points. */
    public enum Purpose {
        SET_PASSWORD(Duration.ofDays(7), "welcome", "/password/set/"),
        RESET(Duration.ofHours(2), "password-reset", "/password/set/"),
        LOGIN(Duration.ofMinutes(30), "login-link", "/login/link/");

        private final Duration lifetime;
        private final String template;
        private final String path;

        Purpose(Duration lifetime, String template, String path) {
            this.lifetime = lifetime;
            this.template = template;
            this.path = path;
        }

        public Duration lifetime() {
            return lifetime;
        }
    }

    private final Settings settings;
    private final Templates templates;
    private final Outgoing outgoing;
    private final Clock clock;
    private final SecureRandom random;
    private final Protocol protocol;

    public AccessLinks(Settings settings, Templates templates, Protocol protocol, Outgoing outgoing, Clock clock,
                       SecureRandom random) {
        this.settings = settings;
        this.templates = templates;
        this.protocol = protocol;
        this.outgoing = outgoing;
        this.clock = clock;
        this.random = random;
    }

    /** Makes a link and mails it to the member in their language; returns the token (tests use it). */
    public String send(Tx tx, Member member, Purpose purpose) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tx.access().addLink(hash(token), purpose.name(), member.id(), clock.instant(),
                clock.instant().plus(purpose.lifetime));
        List<String> languages = Languages.of(Optional.of(member.language()), settings.defaultLanguage());
        // A guest is welcomed as one: to one discussion, for its duration.
        String template = purpose == Purpose.SET_PASSWORD && member.role() == Role.GUEST ? "guest-welcome"
                : purpose.template;
        Templates.Text text = templates.render(template, languages, Map.of(
                "name", member.name(),
                "forum", settings.forumName(),
                "link", settings.web().baseUrl() + purpose.path + token,
                "hours", String.valueOf(Math.max(1, purpose.lifetime.toHours())),
                "minutes", String.valueOf(purpose.lifetime.toMinutes()),
                "lists", addresses(tx, member, languages),
                // The welcome carries the forum's protocol, which the member accepts at first login.
                "protocol", protocol.text(languages).body()));
        outgoing.notice(tx, Personalisation.FORUM, new Notice("parley@" + settings.domain(), settings.forumName(),
                member.email(), Optional.empty(), text, Optional.empty(), Optional.empty()));
        LOG.info("access link sent member={} purpose={}", member.email(), purpose.name().toLowerCase());
        return token;
    }

    /** The addresses of the lists a member is on, one a line with the room's title: where to write. */
    private String addresses(Tx tx, Member member, List<String> languages) {
        List<String> mine = tx.members().subscriptions(member.id()).stream().map(Subscription::list).toList();
        StringBuilder out = new StringBuilder();
        for (ForumList list : tx.rooms().lists()) {
            if (mine.contains(list.name())) {
                out.append(out.length() == 0 ? "" : "\n").append("  ").append(list.postAddress(settings.domain()))
                        .append("   ").append(list.roomTitle());
            }
        }
        return out.length() > 0 ? out.toString() : "  " + templates.phrase("welcome.no-lists", languages, Map.of());
    }

    /** Who a link is for, without using it up (to show its form). */
    public Optional<Long> peek(Tx tx, String token, List<Purpose> purposes) {
        for (Purpose p : purposes) {
            Optional<Long> member = tx.access().peekLink(hash(token), p.name(), clock.instant());
            if (member.isPresent()) {
                return member;
            }
        }
        return Optional.empty();
    }

    /** Uses a link up; empty if it is unknown, used or expired. */
    public Optional<Long> use(Tx tx, String token, List<Purpose> purposes) {
        for (Purpose p : purposes) {
            Optional<Long> member = tx.access().useLink(hash(token), p.name(), clock.instant());
            if (member.isPresent()) {
                return member;
            }
        }
        return Optional.empty();
    }

    /** SHA-256, hex: what the store keeps of tokens and session ids. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
