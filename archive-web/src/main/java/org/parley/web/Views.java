package org.parley.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the pages: one JTE template a page, compiled with the module, escaping every value
 * by default. A handler names its template and hands it the frame and the page's record.
 */
final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Views.class.getClassLoader(), Views.class.getPackageName());
    private final I18n i18n;
    private final Auth auth;

    Views(I18n i18n, Auth auth) {
        this.i18n = i18n;
        this.auth = auth;
    }

    I18n i18n() {
        return i18n;
    }

    /** A word of the pages in a language. */
    String t(String lang, String key, Object... args) {
        return i18n.t(lang, key, args);
    }

    /** The frame of a page for this request: its words in lang, the viewer (null before login). */
    Frame frame(Context ctx, String lang, String title, Viewer viewer) {
        return new Frame(i18n, lang, title, viewer, auth.csrf(ctx));
    }

    /** A member's page, in their language. */
    Frame frame(Context ctx, Viewer viewer, String title) {
        return frame(ctx, viewer.language(), title, viewer);
    }

    void show(Context ctx, String template, Frame frame, Object page) {
        show(ctx, 200, template, frame, page);
    }

    void show(Context ctx, int status, String template, Frame frame, Object page) {
        Map<String, Object> params = new HashMap<>();
        params.put("f", frame);
        params.put("p", page);
        ctx.status(status).html(render(template, params));
    }

    /** One template with its parameters by name, as text. */
    String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template + ".jte", params, out);
        return out.toString();
    }

    /** A page that says one thing. */
    void notice(Context ctx, int status, Frame frame, Notice notice) {
        show(ctx, status, "notice", frame, notice);
    }
}
