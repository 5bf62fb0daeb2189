package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.Forum;
import org.parley.archive.Readership;
import org.parley.model.Member;
import org.parley.store.Access;
import org.parley.welcome.AccessLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions (an HttpOnly, SameSite=Lax cookie whose hash names a row in the store), CSRF
 * tokens, and login rate limits per account and per address, counted in the store.
 *
 * <p>A CSRF token is an HMAC of the forum secret: with a session, of the session (so it
 * changes at every login, and a cookie planted by someone else cannot carry a token they
 * chose); before login, of a random value in a cookie (signed double-submit). Either way a
 * form's token must be the one the server would make for this browser.
 */
final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    static final String SESSION = "parley_session";
    static final String CSRF = "parley_csrf";
    static final int ACCOUNT_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final int MAILS_PER_ACCOUNT = 3;
    static final Duration ACCOUNT_MAX_DELAY = Duration.ofSeconds(60);
    static final Duration ADDRESS_MAX_DELAY = Duration.ofSeconds(30);
    static final Duration LIMIT_WINDOW = Duration.ofMinutes(15);
    /** Sessions are touched at most this often, so reading pages does not write on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Forum forum;
    private final SecureRandom random;

    Auth(Forum forum, SecureRandom random) {
        this.forum = forum;
        this.random = random;
    }

    /** The viewer of this request, if its session is valid. */
    Optional<Viewer> viewer(Context ctx) {
        String cookie = ctx.cookie(SESSION);
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        String hash = AccessLinks.hash(cookie);
        Instant now = forum.clock().instant();
        Instant[] lastSeen = new Instant[1];
        Optional<Viewer> viewer = forum.store().read(tx -> {
            Optional<Access.Session> session = tx.access().session(hash);
            if (session.isEmpty()) {
                return Optional.<Viewer>empty();
            }
            Access.Session s = session.get();
            var web = forum.settings().web();
            if (s.lastSeenAt().plus(web.sessionIdle()).isBefore(now) || s.createdAt().plus(web.sessionMax()).isBefore(now)) {
                return Optional.<Viewer>empty();
            }
            Optional<Member> member = tx.members().find(s.memberId());
            if (member.isEmpty()) {
                return Optional.<Viewer>empty();
            }
            lastSeen[0] = s.lastSeenAt();
            ZoneId zone = zone(tx.members().timeZone(member.get().id()));
            boolean accepted = tx.members().acceptedProtocol(member.get().id())
                    .filter(forum.protocol().version()::equals).isPresent();
            // A guest whose invitation has ended reads nothing, and is logged out.
            return Readership.of(tx, member.get()).map(r -> new Viewer(member.get(), hash, r, zone, accepted));
        });
        if (viewer.isPresent() && lastSeen[0].plus(TOUCH_EVERY).isBefore(now)) {
            forum.store().run(tx -> tx.access().touchSession(hash, now));
        }
        return viewer;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Starts a session for a member and sets its cookie. */
    void logIn(Context ctx, long memberId) {
        String value = token();
        forum.store().run(tx -> tx.access().addSession(AccessLinks.hash(value), memberId, "", forum.clock().instant()));
        ctx.cookie(cookie(SESSION, value, SameSite.LAX, -1));
    }

    void logOut(Context ctx, Optional<Viewer> viewer) {
        viewer.ifPresent(v -> forum.store().run(tx -> tx.access().deleteSession(v.sessionHash())));
        ctx.cookie(cookie(SESSION, "", SameSite.LAX, 0));
    }

    /** The CSRF token for this browser's forms: its session's, or before login its cookie's (set on first need). */
    String csrf(Context ctx) {
        String session = ctx.cookie(SESSION);
        if (session != null && !session.isEmpty()) {
            return sign("session:" + AccessLinks.hash(session));
        }
        String existing = ctx.cookie(CSRF);
        if (existing == null || existing.length() < 32) {
            existing = ctx.attribute(CSRF);
        }
        if (existing == null) {
            existing = token();
            ctx.attribute(CSRF, existing);
            ctx.cookie(cookie(CSRF, existing, SameSite.STRICT, -1));
        }
        return sign("browser:" + existing);
    }

    /** Whether a POST carries the token the server makes for this browser. */
    boolean csrfValid(Context ctx) {
        String field = ctx.formParam("csrf");
        String session = ctx.cookie(SESSION);
        String cookie = ctx.cookie(CSRF);
        String expected = session != null && !session.isEmpty() ? sign("session:" + AccessLinks.hash(session))
                : cookie != null && cookie.length() >= 32 ? sign("browser:" + cookie) : null;
        return expected != null && field != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(forum.settings().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal(("csrf|" + what).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java", e);
        }
    }

    /**
     * How long this login must wait, if this account or address has failed often lately:
     * a delay that doubles with each failure past a few (never a lock-out, so nobody can keep
     * a delegate out by guessing wrong on purpose; a mailed login link is counted apart).
     */
    Optional<Long> limited(String email, String address) {
        Instant now = forum.clock().instant();
        long wait = Math.max(wait("account:" + email, ACCOUNT_LIMIT, ACCOUNT_MAX_DELAY, now),
                wait("address:" + address, ADDRESS_LIMIT, ADDRESS_MAX_DELAY, now));
        return wait > 0 ? Optional.of(wait) : Optional.empty();
    }

    /** Seconds still to wait under one key: 2, 4, 8, ... seconds after the latest failure, up to a cap. */
    private long wait(String key, int free, Duration cap, Instant now) {
        Access.Failures failures = forum.store().read(tx -> tx.access().failures(key, now.minus(LIMIT_WINDOW)));
        if (failures.count() < free) {
            return 0L;
        }
        long delay = Math.min(cap.toSeconds(), 1L << Math.min(30, failures.count() - free + 1));
        Instant until = failures.latest().orElse(now).plusSeconds(delay);
        return Math.max(0, Duration.between(now, until).toSeconds() + (until.isAfter(now) ? 1 : 0));
    }

    void failed(String email, String address) {
        Instant now = forum.clock().instant();
        forum.store().run(tx -> {
            tx.access().addFailure("account:" + email, now);
            tx.access().addFailure("address:" + address, now);
        });
        LOG.warn("login failed account={} address={}", email, address);
    }

    /**
     * Whether one more link may be mailed to this address (at most a few per window, so the
     * form cannot flood a mailbox) and from this client; counted apart from failed logins.
     */
    boolean mayMail(String email, String address) {
        Instant now = forum.clock().instant();
        Instant since = now.minus(LIMIT_WINDOW);
        boolean may = forum.store().read(tx -> tx.access().failuresSince("mail:" + email, since) < MAILS_PER_ACCOUNT
                && tx.access().failuresSince("mail-from:" + address, since) < ADDRESS_LIMIT);
        if (may) {
            forum.store().run(tx -> {
                tx.access().addFailure("mail:" + email, now);
                tx.access().addFailure("mail-from:" + address, now);
            });
        } else {
            LOG.warn("login link not sent, too many asked account={} address={}", email, address);
        }
        return may;
    }

    private Cookie cookie(String name, String value, SameSite sameSite, int maxAge) {
        Cookie cookie = new Cookie(name, value, "/", maxAge, forum.settings().web().secure(), 0, true, null, null, sameSite);
        return cookie;
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
