package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.forum.ForumList;
import org.parley.people.AccessLinks;
import org.parley.people.Member;
import org.parley.people.Subscription;
import org.parley.store.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions (an HttpOnly, SameSite=Lax cookie whose hash names a row in the store), CSRF
 * tokens (double-submit: an HttpOnly cookie and the same value in every form), and login
 * rate limits per account and per address, counted in the store.
 */
final class Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    static final String SESSION = "parley_session";
    static final String CSRF = "parley_csrf";
    static final int ACCOUNT_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
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
            if (member.get().role() == org.parley.people.Role.GUEST) {
                // A guest reads their discussion's threads, in every language of its room, while invited.
                var invitation = tx.discussions().invitationOf(member.get().id()).filter(i -> i.active());
                var discussion = invitation.flatMap(i -> tx.discussions().find(i.discussionId()));
                if (discussion.isEmpty()) {
                    return Optional.<Viewer>empty();
                }
                return Optional.of(new Viewer(member.get(), hash, tx.rooms().listsOf(discussion.get().roomId()), zone,
                        Optional.of(tx.discussions().threads(discussion.get().id())), accepted));
            }
            List<ForumList> lists = visibleLists(tx, member.get());
            return Optional.of(new Viewer(member.get(), hash, lists, zone, Optional.empty(), accepted));
        });
        if (viewer.isPresent() && lastSeen[0].plus(TOUCH_EVERY).isBefore(now)) {
            forum.store().run(tx -> tx.access().touchSession(hash, now));
        }
        return viewer;
    }

    /** A member reads the lists they are subscribed to; a moderator reads every list. */
    static List<ForumList> visibleLists(org.parley.store.Tx tx, Member member) {
        List<ForumList> all = tx.rooms().lists();
        if (member.role().moderates()) {
            return all;
        }
        List<String> mine = tx.members().subscriptions(member.id()).stream().map(Subscription::list).toList();
        return all.stream().filter(l -> mine.contains(l.name())).toList();
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

    /** The CSRF token of this browser, made and set on first need. */
    String csrf(Context ctx) {
        String existing = ctx.cookie(CSRF);
        if (existing != null && existing.length() >= 32) {
            return existing;
        }
        String value = ctx.attribute(CSRF);
        if (value == null) {
            value = token();
            ctx.attribute(CSRF, value);
            ctx.cookie(cookie(CSRF, value, SameSite.STRICT, -1));
        }
        return value;
    }

    /** Whether a POST carries the token of its browser. */
    boolean csrfValid(Context ctx) {
        String cookie = ctx.cookie(CSRF);
        String field = ctx.formParam("csrf");
        return cookie != null && field != null && cookie.length() >= 32
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }

    /** Minutes to wait if this account or address has failed too often, else empty. */
    Optional<Long> limited(String email, String address) {
        Instant since = forum.clock().instant().minus(LIMIT_WINDOW);
        boolean over = forum.store().read(tx -> tx.access().failuresSince("account:" + email, since) >= ACCOUNT_LIMIT
                || tx.access().failuresSince("address:" + address, since) >= ADDRESS_LIMIT);
        return over ? Optional.of(LIMIT_WINDOW.toMinutes()) : Optional.empty();
    }

    void failed(String email, String address) {
        Instant now = forum.clock().instant();
        forum.store().run(tx -> {
            tx.access().addFailure("account:" + email, now);
            tx.access().addFailure("address:" + address, now);
        });
        LOG.warn("login failed account={} address={}", email, address);
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
