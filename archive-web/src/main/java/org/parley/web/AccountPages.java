package org.parley.web;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.people.AccessLinks;
import org.parley.people.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log in and out, set a password from a mailed link, reset it, log in with a one-time link. */
final class AccountPages {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);
    private static final List<AccessLinks.Purpose> PASSWORD_LINKS =
            List.of(AccessLinks.Purpose.SET_PASSWORD, AccessLinks.Purpose.RESET);

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;

    AccountPages(Forum forum, Auth auth, I18n i18n) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
    }

    /** The language of a page nobody is logged in to: the browser's, if the forum has it. */
    String anonymousLanguage(Context ctx) {
        String header = ctx.header("Accept-Language");
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].strip();
                String lang = tag.length() >= 2 ? tag.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : "";
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
        String csrf = auth.csrf(ctx);
        String body = "<h1>" + Html.esc(i18n.t(lang, "login.title")) + "</h1>"
                + (message.isEmpty() ? "" : "<p class=\"error\" id=\"message\">" + Html.esc(message) + "</p>")
                + "<form class=\"stack\" method=\"post\" action=\"/login\">" + Page.csrfField(csrf)
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + "<label>" + Html.esc(i18n.t(lang, "login.email")) + "<input type=\"email\" name=\"email\" id=\"email\" required autocomplete=\"username\"></label>"
                + "<label>" + Html.esc(i18n.t(lang, "login.password")) + "<input type=\"password\" name=\"password\" id=\"password\" required autocomplete=\"current-password\"></label>"
                + "<button type=\"submit\" id=\"login\">" + Html.esc(i18n.t(lang, "login.submit")) + "</button></form>"
                + "<p><a href=\"/password/forgot\">" + Html.esc(i18n.t(lang, "login.forgot")) + "</a> · "
                + "<a href=\"/login/link\">" + Html.esc(i18n.t(lang, "login.link")) + "</a></p>";
        ctx.status(status).html(Page.render(i18n, lang, i18n.t(lang, "login.title"), null, csrf, body));
    }

    void login(Context ctx) {
        String lang = anonymousLanguage(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String address = ctx.ip();
        Optional<Long> wait = auth.limited(email, address);
        if (wait.isPresent()) {
            LOG.warn("login refused, rate limited account={} address={}", email, address);
            showLogin(ctx, lang, i18n.t(lang, "login.limited", wait.get()), 429);
            return;
        }
        Optional<Member> member = forum.store().read(tx -> tx.members().find(email));
        Optional<String> hash = member.flatMap(m -> forum.store().read(tx -> tx.access().passwordHash(m.id())));
        // Check a hash even for unknown accounts, so timing does not tell which addresses are members.
        boolean ok = Passwords.check(password, hash.orElse(DUMMY_HASH)) && hash.isPresent();
        if (!ok) {
            auth.failed(email, address);
            showLogin(ctx, lang, i18n.t(lang, "login.failed"), 401);
            return;
        }
        if (member.get().role() == org.parley.people.Role.GUEST && forum.store().read(tx ->
                tx.discussions().invitationOf(member.get().id())).filter(i -> i.active()).isEmpty()) {
            LOG.info("login refused, guest access ended member={} address={}", email, address);
            showLogin(ctx, lang, i18n.t(lang, "login.guestEnded"), 403);
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

    /** Only our own paths, never another site. */
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
        String title = i18n.t(lang, loginLink ? "link.title" : "forgot.title");
        String csrf = auth.csrf(ctx);
        String body = "<h1>" + Html.esc(title) + "</h1><form class=\"stack\" method=\"post\" action=\""
                + (loginLink ? "/login/link" : "/password/forgot") + "\">" + Page.csrfField(csrf)
                + "<label>" + Html.esc(i18n.t(lang, "login.email")) + "<input type=\"email\" name=\"email\" id=\"email\" required></label>"
                + "<button type=\"submit\" id=\"send\">" + Html.esc(i18n.t(lang, loginLink ? "link.ask" : "forgot.submit"))
                + "</button></form>";
        ctx.html(Page.render(i18n, lang, title, null, csrf, body));
    }

    /** Same answer whether or not the address is a member's: no address harvesting. */
    void ask(Context ctx, boolean loginLink) {
        String lang = anonymousLanguage(ctx);
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        String address = ctx.ip();
        // Failed logins do not stop a link: it goes to the member's own mailbox, so it is how
        // the real owner gets in while someone else is guessing their password.
        if (auth.mayMail(email, address)) {
            forum.store().run(tx -> tx.members().find(email).ifPresent(m -> forum.accessLinks().send(tx, m,
                    loginLink ? AccessLinks.Purpose.LOGIN : AccessLinks.Purpose.RESET)));
            forum.wakeUps().outbox();
        }
        String body = "<h1>" + Html.esc(i18n.t(lang, loginLink ? "link.title" : "forgot.title")) + "</h1>"
                + "<p class=\"notice\" id=\"message\">" + Html.esc(i18n.t(lang, "login.sent")) + "</p>";
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "login.title"), null, auth.csrf(ctx), body));
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
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "password.title"), null, auth.csrf(ctx),
                passwordForm(lang, "/password/set/" + token, auth.csrf(ctx), false, "")));
    }

    String passwordForm(String lang, String action, String csrf, boolean askCurrent, String message) {
        return "<h1>" + Html.esc(i18n.t(lang, askCurrent ? "settings.password" : "password.title")) + "</h1>"
                + (message.isEmpty() ? "" : "<p class=\"error\" id=\"message\">" + Html.esc(message) + "</p>")
                + "<form class=\"stack\" method=\"post\" action=\"" + Html.esc(action) + "\">" + Page.csrfField(csrf)
                + (askCurrent ? "<label>" + Html.esc(i18n.t(lang, "password.current"))
                + "<input type=\"password\" name=\"current\" required autocomplete=\"current-password\"></label>" : "")
                + "<label>" + Html.esc(i18n.t(lang, "password.new")) + "<input type=\"password\" name=\"password\" id=\"new-password\" required minlength=\""
                + Passwords.MIN_LENGTH + "\" autocomplete=\"new-password\"></label>"
                + "<label>" + Html.esc(i18n.t(lang, "password.repeat")) + "<input type=\"password\" name=\"repeat\" id=\"repeat-password\" required autocomplete=\"new-password\"></label>"
                + "<button type=\"submit\" id=\"save-password\">" + Html.esc(i18n.t(lang, "password.submit")) + "</button></form>";
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
            ctx.status(400).html(Page.render(i18n, lang, i18n.t(lang, "password.title"), null, auth.csrf(ctx),
                    passwordForm(lang, "/password/set/" + token, auth.csrf(ctx), false,
                            i18n.t(lang, weak.get(), Passwords.MIN_LENGTH))));
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
        ctx.status(404).html(Page.render(i18n, lang, i18n.t(lang, titleKey), null, auth.csrf(ctx),
                "<p class=\"error\" id=\"message\">" + Html.esc(i18n.t(lang, "password.invalid")) + "</p>"));
    }

    /** GET shows a button only: mail scanners open links, and must not use them up. */
    void loginLinkForm(Context ctx) {
        String lang = anonymousLanguage(ctx);
        String token = ctx.pathParam("token");
        String csrf = auth.csrf(ctx);
        String body = "<h1>" + Html.esc(i18n.t(lang, "link.title")) + "</h1><form method=\"post\" action=\"/login/link/"
                + Html.esc(token) + "\">" + Page.csrfField(csrf) + "<button type=\"submit\" id=\"use-link\">"
                + Html.esc(i18n.t(lang, "link.submit")) + "</button></form>";
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "link.title"), null, csrf, body));
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
