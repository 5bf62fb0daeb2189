package org.parley.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.parley.Forum;
import org.parley.notices.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The forum's protocol: shown in the reader's language, accepted once per version. */
final class ProtocolPages {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolPages.class);
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    /** The protocol in the reader's language (or the forum's), rendered, and whether they accepted this version. */
    record ProtocolPage(String language, String html, boolean accepted, String next, String version) {
    }

    private final Forum forum;
    private final Views views;

    ProtocolPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
    }

    void show(Context ctx, Viewer v) {
        String lang = v.language();
        Protocol.Text text = forum.protocol().text(List.of(lang, forum.settings().defaultLanguage()));
        views.show(ctx, "protocol", views.frame(ctx, v, views.t(lang, "protocol.title")),
                new ProtocolPage(text.language(), markdown(text.body()), v.protocolAccepted(),
                        AccountPages.safeNext(ctx.queryParam("next")), forum.protocol().version()));
    }

    void accept(Context ctx, Viewer v) {
        forum.store().run(tx -> tx.members().acceptProtocol(v.member().id(), forum.protocol().version(),
                forum.clock().instant()));
        LOG.info("protocol accepted member={} version={}", v.member().email(), forum.protocol().version());
        ctx.redirect(AccountPages.safeNext(Optional.ofNullable(ctx.formParam("next")).orElse("/")));
    }

    /** CommonMark, with raw HTML escaped: the protocol is the forum's text, but nothing in it may run. */
    static String markdown(String text) {
        return RENDERER.render(PARSER.parse(text));
    }
}
