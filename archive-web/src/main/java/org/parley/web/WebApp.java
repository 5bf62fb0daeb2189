package org.parley.web;

import io.javalin.Javalin;
import io.javalin.util.JavalinLogger;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Optional;
import org.parley.Forum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive web application: every page behind login (but the login pages and the RFC
 * 8058 unsubscribe), every POST with a CSRF token, every response with a strict CSP.
 */
public final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n = new I18n();
    private final byte[] css;
    private Javalin app;

    public WebApp(Forum forum, SecureRandom random) {
        this.forum = forum;
        this.auth = new Auth(forum, random);
        try (InputStream in = WebApp.class.getResourceAsStream("/web/parley.css")) {
            this.css = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the stylesheet is missing from the build", e);
        }
    }

    /** Starts on host:port (0: any free port). */
    public WebApp start(String host, int port) {
        AccountPages accounts = new AccountPages(forum, auth, i18n);

        ModerationPages moderation = new ModerationPages(forum, auth, i18n);
        SettingsPages settings = new SettingsPages(forum, auth, i18n, accounts);
        UnsubscribePages unsubscribe = new UnsubscribePages(forum, auth, i18n, accounts);
        ProtocolPages protocol = new ProtocolPages(forum, auth, i18n);
        DiscussionPages discussions = new DiscussionPages(forum, auth, i18n);
        ArchivePages archive = new ArchivePages(forum, auth, i18n, discussions);
        // Javalin's start-up lines (and its "your version is N days old") are noise in Parley's log,
        // which says itself where the archive listens.
        JavalinLogger.startupInfo = false;
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new SecurityHeaders.OnJettyErrors()));
        });
        app.before(ctx -> {
            ctx.res().setCharacterEncoding("UTF-8");
            SecurityHeaders.ALL.forEach(ctx::header);
            boolean oneClick = ctx.path().startsWith("/unsubscribe/");
            if (ctx.method().name().equals("POST") && !oneClick && !auth.csrfValid(ctx)) {
                LOG.warn("csrf refused path={} address={}", ctx.path(), ctx.ip());
                throw new ForbiddenResponse("csrf");
            }
        });
        app.get("/static/parley.css", ctx -> {
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType("text/css; charset=utf-8").result(css);
        });
        app.get("/login", accounts::loginForm);
        app.post("/login", accounts::login);
        app.post("/logout", ctx -> accounts.logout(ctx, auth.viewer(ctx)));
        app.get("/password/forgot", ctx -> accounts.askForm(ctx, false));
        app.post("/password/forgot", ctx -> accounts.ask(ctx, false));
        app.get("/password/set/{token}", accounts::setPasswordForm);
        app.post("/password/set/{token}", accounts::setPassword);
        app.get("/login/link", ctx -> accounts.askForm(ctx, true));
        app.post("/login/link", ctx -> accounts.ask(ctx, true));
        app.get("/login/link/{token}", accounts::loginLinkForm);
        app.post("/login/link/{token}", accounts::useLoginLink);
        app.get("/unsubscribe/{token}", unsubscribe::confirm);
        app.post("/unsubscribe/{token}", unsubscribe::unsubscribe);

        app.get("/", ctx -> member(ctx, archive::home));
        app.get("/lists/{list}", ctx -> member(ctx, archive::list));
        app.get("/lists/{list}/threads/{thread}", ctx -> member(ctx, archive::thread));
        app.get("/lists/{list}/messages/{hash}", ctx -> member(ctx, archive::message));
        app.get("/lists/{list}/messages/{hash}/parts/{part}", ctx -> member(ctx, archive::part));
        app.post("/lists/{list}/messages/{hash}/translate", ctx -> member(ctx, archive::translate));
        app.get("/moderation", ctx -> member(ctx, moderation::queue));
        app.post("/moderation/{id}", ctx -> member(ctx, moderation::decide));
        app.get("/moderation/audit", ctx -> member(ctx, moderation::audit));
        app.get("/protocol", ctx -> member(ctx, protocol::show));
        app.post("/protocol", ctx -> member(ctx, protocol::accept));
        app.get("/discussions", ctx -> member(ctx, discussions::list));
        app.post("/discussions", ctx -> member(ctx, discussions::open));
        app.post("/discussions/{id}/close", ctx -> member(ctx, discussions::close));
        app.post("/discussions/guests/{member}/revoke", ctx -> member(ctx, discussions::revoke));
        app.post("/requests/{id}", ctx -> member(ctx, discussions::decide));
        app.post("/lists/{list}/propose", ctx -> member(ctx, discussions::propose));
        app.post("/lists/{list}/invite", ctx -> member(ctx, discussions::invite));
        app.get("/settings", ctx -> member(ctx, settings::show));
        app.post("/settings", ctx -> member(ctx, settings::save));
        app.post("/settings/password", ctx -> member(ctx, settings::changePassword));

        app.error(HttpStatus.NOT_FOUND, ctx -> error(ctx, "error.notFound"));
        app.error(HttpStatus.FORBIDDEN, ctx -> error(ctx, "error.csrf"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("web request failed path={} error={}", ctx.path(), e.toString(), e);
            ctx.status(500).result("internal error");
        });
        app.start(host, port);
        LOG.info("archive web listening address={}:{} base-url={}", host, app.port(), forum.settings().web().baseUrl());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Pages behind login: anyone else goes to the login page, and comes back after. */
    private void member(Context ctx, java.util.function.BiConsumer<Context, Viewer> page) {
        Optional<Viewer> viewer = auth.viewer(ctx);
        if (viewer.isEmpty()) {
            if (ctx.method().name().equals("GET")) {
                String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            } else {
                ctx.redirect("/login");
            }
            return;
        }
        if (!viewer.get().protocolAccepted() && !ctx.path().equals("/protocol")) {
            // The protocol comes first: at first login, and again whenever its version changes.
            String next = ctx.method().name().equals("GET") ? ctx.path() : "/";
            ctx.redirect("/protocol?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        page.accept(ctx, viewer.get());
    }

    private void error(Context ctx, String key) {
        if (ctx.path().startsWith("/lists/") && ctx.res().getContentType() != null
                && ctx.res().getContentType().startsWith("application/octet-stream")) {
            return;
        }
        Optional<Viewer> viewer = auth.viewer(ctx);
        String lang = viewer.map(Viewer::language).orElse(forum.settings().defaultLanguage());
        ctx.html(Page.render(i18n, lang, i18n.t(lang, key), viewer.orElse(null), auth.csrf(ctx),
                "<p class=\"error\" id=\"message\">" + Html.esc(i18n.t(lang, key)) + "</p>"));
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
