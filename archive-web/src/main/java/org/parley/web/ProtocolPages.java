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

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;

    ProtocolPages(Forum forum, Auth auth, I18n i18n) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
    }

    void show(Context ctx, Viewer v) {
        String lang = v.language();
        Protocol.Text text = forum.protocol().text(List.of(lang, forum.settings().defaultLanguage()));
        StringBuilder body = new StringBuilder();
        if (!v.protocolAccepted()) {
            body.append("<p class=\"notice\" id=\"message\">").append(Html.esc(i18n.t(lang, "protocol.pending")))
                    .append("</p>");
        }
        body.append("<article class=\"protocol\" lang=\"").append(Html.esc(text.language())).append("\">")
                .append(markdown(text.body())).append("</article>");
        if (!v.protocolAccepted()) {
            String next = AccountPages.safeNext(ctx.queryParam("next"));
            body.append("<form method=\"post\" action=\"/protocol\">").append(Page.csrfField(auth.csrf(ctx)))
                    .append("<input type=\"hidden\" name=\"next\" value=\"").append(Html.esc(next)).append("\">")
                    .append("<button type=\"submit\" id=\"accept\">")
                    .append(Html.esc(i18n.t(lang, "protocol.accept", forum.protocol().version()))).append("</button></form>");
        } else {
            body.append("<p class=\"muted\">").append(Html.esc(i18n.t(lang, "protocol.accepted",
                    forum.protocol().version()))).append("</p>");
        }
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "protocol.title"), v, auth.csrf(ctx), body.toString()));
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
