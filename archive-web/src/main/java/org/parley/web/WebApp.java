package org.parley.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import io.javalin.util.JavalinLogger;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
    private final Views views;
    private final byte[] css;
    private final Health health;
    private Javalin app;

    public WebApp(Forum forum, SecureRandom random) {
        this(forum, random, () -> true);
    }

    /** With a way to tell whether the process's workers still run, for {@code /readyz}. */
    public WebApp(Forum forum, SecureRandom random, BooleanSupplier workersAlive) {
        this.forum = forum;
        this.health = new Health(forum, workersAlive);
        this.auth = new Auth(forum, random);
        this.views = new Views(new I18n(), auth);
        try (InputStream in = WebApp.class.getResourceAsStream("/web/parley.css")) {
            this.css = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the stylesheet is missing from the build", e);
        }
    }

    /** Who may use a route: anyone (the login pages, one-click unsubscribe), or a logged-in member. */
    enum Access implements RouteRole { ANYONE, MEMBER }

    /** One method and path, who may use it, and what answers. */
    record Route(HandlerType method, String path, Access access, Handler handler) {
        static Route anyone(HandlerType method, String path, Handler handler) {
            return new Route(method, path, Access.ANYONE, handler);
        }

        static Route member(HandlerType method, String path, BiConsumer<Context, Viewer> page) {
            return new Route(method, path, Access.MEMBER, ctx -> page.accept(ctx, ctx.attribute(VIEWER)));
        }
    }

    private static final String VIEWER = "parley.viewer";

    /** Every page of the archive, in one table. */
    private List<Route> routes() {
        AccountPages accounts = new AccountPages(forum, auth, views);
        ModerationPages moderation = new ModerationPages(forum, views);
        SettingsPages settings = new SettingsPages(forum, auth, views);
        UnsubscribePages unsubscribe = new UnsubscribePages(forum, views, accounts);
        ReenablePages reenable = new ReenablePages(forum, views, accounts);
        ProtocolPages protocol = new ProtocolPages(forum, views);
        DiscussionPages discussions = new DiscussionPages(forum, views);
        ArchivePages archive = new ArchivePages(forum, views, discussions);
        SearchPages search = new SearchPages(forum, views);
        StatisticsPages statistics = new StatisticsPages(forum, views);
        DelegationPages delegation = new DelegationPages(forum, views);
        return List.of(
                Route.anyone(GET, "/static/parley.css", this::stylesheet),
                Route.anyone(GET, "/healthz", health::alive),
                Route.anyone(GET, "/readyz", health::ready),
                Route.anyone(GET, "/login", accounts::loginForm),
                Route.anyone(POST, "/login", accounts::login),
                Route.anyone(POST, "/logout", ctx -> accounts.logout(ctx, auth.viewer(ctx))),
                Route.anyone(GET, "/password/forgot", ctx -> accounts.askForm(ctx, false)),
                Route.anyone(POST, "/password/forgot", ctx -> accounts.ask(ctx, false)),
                Route.anyone(GET, "/password/set/{token}", accounts::setPasswordForm),
                Route.anyone(POST, "/password/set/{token}", accounts::setPassword),
                Route.anyone(GET, "/login/link", ctx -> accounts.askForm(ctx, true)),
                Route.anyone(POST, "/login/link", ctx -> accounts.ask(ctx, true)),
                Route.anyone(GET, "/login/link/{token}", accounts::loginLinkForm),
                Route.anyone(POST, "/login/link/{token}", accounts::useLoginLink),
                Route.anyone(GET, "/unsubscribe/{token}", unsubscribe::confirm),
                Route.anyone(POST, "/unsubscribe/{token}", unsubscribe::unsubscribe),
                Route.anyone(GET, "/reenable/{token}", reenable::confirm),
                Route.anyone(POST, "/reenable/{token}", reenable::reenable),
                Route.member(GET, "/", archive::home),
                Route.member(GET, "/lists/{list}", archive::list),
                Route.member(GET, "/lists/{list}/threads/{thread}", archive::thread),
                Route.member(GET, "/lists/{list}/threads/{thread}/mbox", archive::threadMbox),
                Route.member(GET, "/lists/{list}/mbox", archive::monthMbox),
                Route.member(GET, "/lists/{list}/messages/{hash}", archive::message),
                Route.member(GET, "/lists/{list}/messages/{hash}/parts/{part}", archive::part),
                Route.member(POST, "/lists/{list}/messages/{hash}/translate", archive::translate),
                Route.member(POST, "/lists/{list}/messages/{hash}/erase", archive::erase),
                Route.member(POST, "/lists/{list}/messages/{hash}/erase-request", archive::askErasure),
                Route.member(GET, "/delegation", delegation::show),
                Route.member(POST, "/delegation/requests/{id}", delegation::decide),
                Route.member(GET, "/search", search::search),
                Route.member(GET, "/moderation", moderation::queue),
                Route.member(POST, "/moderation/{id}", moderation::decide),
                Route.member(GET, "/moderation/audit", moderation::audit),
                Route.member(GET, "/statistics", statistics::page),
                Route.member(GET, "/statistics.csv", statistics::csv),
                Route.member(GET, "/protocol", protocol::show),
                Route.member(POST, "/protocol", protocol::accept),
                Route.member(GET, "/discussions", discussions::list),
                Route.member(POST, "/discussions", discussions::open),
                Route.member(POST, "/discussions/{id}/close", discussions::close),
                Route.member(POST, "/discussions/guests/{member}/revoke", discussions::revoke),
                Route.member(POST, "/requests/{id}", discussions::decide),
                Route.member(POST, "/lists/{list}/propose", discussions::propose),
                Route.member(POST, "/lists/{list}/invite", discussions::invite),
                Route.member(GET, "/settings", settings::show),
                Route.member(POST, "/settings", settings::save),
                Route.member(POST, "/settings/password", settings::changePassword),
                Route.member(POST, "/settings/reenable", settings::reenable),
                Route.member(POST, "/settings/forget", settings::askToBeForgotten));
    }

    /** Starts on host:port (0: any free port). */
    public WebApp start(String host, int port) {
        // Javalin's start-up lines (and its "your version is N days old") are noise in Parley's log,
        // which says itself where the archive listens.
        JavalinLogger.startupInfo = false;
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new SecurityHeaders.OnJettyErrors()));
            config.requestLogger.http(this::timed);
        });
        app.before(this::headersAndCsrf);
        app.beforeMatched(this::membersOnly);
        for (Route route : routes()) {
            app.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
        }
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

    /** Times each page by its route (the path's pattern, never the path: no list or token in a label). */
    private void timed(Context ctx, Float millis) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException unmatched) {
            route = "unmatched";
        }
        Timer.builder("parley.web.requests").tag("route", route.isEmpty() ? "unmatched" : route)
                .tag("method", ctx.method().name()).tag("status", (ctx.statusCode() / 100) + "xx")
                .publishPercentiles(0.5, 0.95).register(forum.meters())
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /**
     * Every response carries the security headers; every POST needs its CSRF token but those
     * whose URL holds a token only its addressee has (RFC 8058's one-click, re-enabling delivery).
     */
    private void headersAndCsrf(Context ctx) {
        ctx.res().setCharacterEncoding("UTF-8");
        SecurityHeaders.ALL.forEach(ctx::header);
        boolean oneClick = ctx.path().startsWith("/unsubscribe/") || ctx.path().startsWith("/reenable/");
        if (ctx.method() == POST && !oneClick && !auth.csrfValid(ctx)) {
            LOG.warn("csrf refused path={} address={}", ctx.path(), ctx.ip());
            throw new ForbiddenResponse("csrf");
        }
    }

    private void stylesheet(Context ctx) {
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType("text/css; charset=utf-8").result(css);
    }

    public int port() {
        return app.port();
    }

    /** Pages behind login: anyone else goes to the login page, and comes back after. */
    private void membersOnly(Context ctx) {
        if (!ctx.routeRoles().contains(Access.MEMBER)) {
            return;
        }
        Optional<Viewer> viewer = auth.viewer(ctx);
        if (viewer.isEmpty()) {
            if (ctx.method() == GET) {
                String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            } else {
                ctx.redirect("/login");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (!viewer.get().protocolAccepted() && !ctx.path().equals("/protocol")) {
            // The protocol comes first: at first login, and again whenever its version changes.
            String next = ctx.method() == GET ? ctx.path() : "/";
            ctx.redirect("/protocol?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(VIEWER, viewer.get());
    }

    private void error(Context ctx, String key) {
        if (ctx.path().startsWith("/lists/") && ctx.res().getContentType() != null
                && ctx.res().getContentType().startsWith("application/octet-stream")) {
            return;
        }
        Optional<Viewer> viewer = auth.viewer(ctx);
        String lang = viewer.map(Viewer::language).orElse(forum.settings().defaultLanguage());
        views.notice(ctx, ctx.statusCode(), views.frame(ctx, lang, views.t(lang, key), viewer.orElse(null)),
                Notice.error(views.t(lang, key)));
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
