package org.parley.web;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.Forum;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.welcome.AccessLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log in and out, set a password from a mailed link, reset it, log in with a one-time link. */
final class AccountPages {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);
    private static final List<AccessLinks.Purpose> PASSWORD_LINKS =
            List.of(AccessLinks.Purpose.SET_PASSWORD, AccessLinks.Purpose.RESET);

    /** The login form, with where to go after it and why the last try failed. */
    record LoginPage(String next, String message) {
    }

    /** The form that asks for a login link or a password reset by mail. */
    record AskPage(boolean loginLink) {
    }

    /** A form for a new password; askCurrent when a logged-in member changes theirs. */
    record PasswordForm(String action, boolean askCurrent, String message, int minLength) {
        PasswordForm(String action, boolean askCurrent, String message) {
            this(action, askCurrent, message, Passwords.MIN_LENGTH);
        }
    }

    /** The button that uses a mailed login link. */
    record LinkPage(String token) {
    }

    private final Forum forum;
    private final Auth auth;
    private final Views views;

    AccountPages(Forum forum, Auth auth, Views views) {
        this.forum = forum;
        this.auth = auth;
        this.views = views;
    }

    /** The language of a page nobody is logged in to: the browser's, if the forum has it. */
    String anonymousLanguage(Context ctx) {
        String header = ctx.header("Accept-Language");
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].strip();
                String lang = tag.length() >= 2 ? tag.substring(0, 2).toLowerCase(Locale.ROOT) : "";
                if (forum.settings().languages().contains(lang)) {
                    return lang;
                }
            }
        }
        return forum.settings().defaultLanguage();
    }

    void loginForm(Context ctx) {
        showLogin(ctx, anonymousLanguage(ctx), "", 200);
    }

    private void showLogin(Context ctx, String lang, String message, int status) {
        String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        views.show(ctx, status, "login", views.frame(ctx, lang, views.t(lang, "login.title"), null), new LoginPage(next, message));
    }

    void login(Context ctx) {
        String lang = anonymousLanguage(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip().toLowerCase(Locale.ROOT);
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = ctx.ip();
        Optional<Long> wait = auth.limited(email, address);
        if (wait.isPresent()) {
            LOG.warn("login refused, rate limited account={} address={}", email, address);
            showLogin(ctx, lang, views.t(lang, "login.limited", wait.get()), 429);
            return;
        }
        Optional<Member> member = forum.store().read(tx -> tx.members().find(email));
        Optional<String> hash = member.flatMap(m -> forum.store().read(tx -> tx.access().passwordHash(m.id())));
        // Check a hash even for unknown accounts, so timing does not tell which addresses are members.
        boolean ok = Passwords.check(password, hash.orElse(DUMMY_HASH)) && hash.isPresent();
        if (!ok) {
            auth.failed(email, address);
            showLogin(ctx, lang, views.t(lang, "login.failed"), 401);
            return;
        }
        if (member.get().role() == Role.GUEST && forum.store().read(tx ->
                tx.discussions().invitationOf(member.get().id())).filter(i -> i.active()).isEmpty()) {
            LOG.info("login refused, guest access ended member={} address={}", email, address);
            showLogin(ctx, lang, views.t(lang, "login.guestEnded"), 403);
            return;
        }
        auth.logIn(ctx, member.get().id());
        LOG.info("login member={} address={}", email, address);
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    private static final String DUMMY_HASH = Passwords.hash("not a password anyone has");

    void logout(Context ctx, Optional<Viewer> viewer) {
        auth.logOut(ctx, viewer);
        ctx.redirect("/login");
    }

    /**
     * Where to go after a login: a path of this site only. Browsers drop tabs and newlines
     * from a URL and read a backslash as a slash, so {@code /\t/evil.example} would leave the
     * site; the path is judged after percent-decoding, and any control character, a second
     * slash or a backslash in front sends the member home instead.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty()) {
            return "/";
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "/";
        }
        for (String form : new String[] {next, decoded}) {
            if (!form.startsWith("/") || form.length() > 1 && (form.charAt(1) == '/' || form.charAt(1) == '\\')
                    || form.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
                return "/";
            }
        }
        return next;
    }

    // ---- links by mail ----------------------------------------------------------------

    void askForm(Context ctx, boolean loginLink) {
        String lang = anonymousLanguage(ctx);
        String title = views.t(lang, loginLink ? "link.title" : "forgot.title");
        views.show(ctx, "ask", views.frame(ctx, lang, title, null), new AskPage(loginLink));
    }

    /** Same answer whether or not the address is a member's: no address harvesting. */
    void ask(Context ctx, boolean loginLink) {
        String lang = anonymousLanguage(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip().toLowerCase(Locale.ROOT);
        String address = ctx.ip();
        // Failed logins do not stop a link: it goes to the member's own mailbox, so it is how
        // the real owner gets in while someone else is guessing their password.
        if (auth.mayMail(email, address)) {
            forum.store().run(tx -> tx.members().find(email).ifPresent(m -> forum.accessLinks().send(tx, m,
                    loginLink ? AccessLinks.Purpose.LOGIN : AccessLinks.Purpose.RESET)));
            forum.wakeUps().outbox();
        }
        views.notice(ctx, 200, views.frame(ctx, lang, views.t(lang, "login.title"), null),
                Notice.done(views.t(lang, loginLink ? "link.title" : "forgot.title"), views.t(lang, "login.sent")));
    }

    void setPasswordForm(Context ctx) {
        String token = ctx.pathParam("token");
        Optional<Long> member = forum.store().read(tx -> forum.accessLinks().peek(tx, token, PASSWORD_LINKS));
        String lang = member.flatMap(id -> forum.store().read(tx -> tx.members().find(id))).map(Member::language)
                .orElse(anonymousLanguage(ctx));
        if (member.isEmpty()) {
            invalidLink(ctx, lang, "password.title");
            return;
        }
        views.show(ctx, "password", views.frame(ctx, lang, views.t(lang, "password.title"), null),
                new PasswordForm("/password/set/" + token, false, ""));
    }

    /** Checks a new password pair; the message key if it is not acceptable. */
    static Optional<String> weakness(String password, String repeat) {
        if (password == null || password.length() < Passwords.MIN_LENGTH) {
            return Optional.of("password.short");
        }
        return password.equals(repeat) ? Optional.empty() : Optional.of("password.mismatch");
    }

    void setPassword(Context ctx) {
        String token = ctx.pathParam("token");
        String password = ctx.formParam("password");
        Optional<String> weak = weakness(password, ctx.formParam("repeat"));
        String lang = anonymousLanguage(ctx);
        if (weak.isPresent()) {
            views.show(ctx, 400, "password", views.frame(ctx, lang, views.t(lang, "password.title"), null),
                    new PasswordForm("/password/set/" + token, false, views.t(lang, weak.get(), Passwords.MIN_LENGTH)));
            return;
        }
        String hash = Passwords.hash(password);
        Optional<Long> member = forum.store().write(tx -> {
            Optional<Long> id = forum.accessLinks().use(tx, token, PASSWORD_LINKS);
            id.ifPresent(m -> {
                tx.access().setPasswordHash(m, hash);
                tx.access().deleteSessionsOf(m, "");
            });
            return id;
        });
        if (member.isEmpty()) {
            invalidLink(ctx, lang, "password.title");
            return;
        }
        LOG.info("password set member-id={}", member.get());
        auth.logIn(ctx, member.get());
        ctx.redirect("/");
    }

    /** The answer to a link that is unknown, used or expired. */
    private void invalidLink(Context ctx, String lang, String titleKey) {
        views.notice(ctx, 404, views.frame(ctx, lang, views.t(lang, titleKey), null), Notice.error(views.t(lang, "password.invalid")));
    }

    /** GET shows a button only: mail scanners open links, and must not use them up. */
    void loginLinkForm(Context ctx) {
        String lang = anonymousLanguage(ctx);
        views.show(ctx, "loginLink", views.frame(ctx, lang, views.t(lang, "link.title"), null), new LinkPage(ctx.pathParam("token")));
    }

    void useLoginLink(Context ctx) {
        Optional<Long> member = forum.store().write(tx ->
                forum.accessLinks().use(tx, ctx.pathParam("token"), List.of(AccessLinks.Purpose.LOGIN)));
        if (member.isEmpty()) {
            String lang = anonymousLanguage(ctx);
            invalidLink(ctx, lang, "link.title");
            return;
        }
        auth.logIn(ctx, member.get());
        ctx.redirect("/");
    }
}
