package org.parley.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.notices.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The forum's protocol: shown in the reader's language, accepted once per version. */
final class ProtocolPages {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolPages.class);

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

    /** The little Markdown the protocol uses: headings, list items, paragraphs. Everything is escaped. */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        boolean inList = false;
        StringBuilder paragraph = new StringBuilder();
        for (String line : (text + "\n").split("\n")) {
            String l = line.strip();
            boolean item = l.startsWith("- ");
            if ((l.isEmpty() || l.startsWith("#") || item) && paragraph.length() > 0) {
                out.append("<p>").append(Html.esc(paragraph.toString().strip())).append("</p>");
                paragraph.setLength(0);
            }
            if (!item && inList && (l.isEmpty() || l.startsWith("#"))) {
                out.append("</ul>");
                inList = false;
            }
            if (l.startsWith("## ")) {
                out.append("<h2>").append(Html.esc(l.substring(3))).append("</h2>");
            } else if (l.startsWith("# ")) {
                out.append("<h1>").append(Html.esc(l.substring(2))).append("</h1>");
            } else if (item) {
                out.append(inList ? "" : "<ul>").append("<li>").append(Html.esc(l.substring(2))).append("</li>");
                inList = true;
            } else if (inList && !l.isEmpty()) {
                // A continued list item.
                int at = out.lastIndexOf("</li>");
                out.insert(at, " " + Html.esc(l));
            } else if (!l.isEmpty()) {
                paragraph.append(l).append(' ');
            }
        }
        if (inList) {
            out.append("</ul>");
        }
        return out.toString();
    }
}
