package org.parley.web;

/** The frame around every page: language and direction, navigation, the logout form. */
final class Page {
    private Page() {
    }

    static String render(I18n i18n, String language, String title, Viewer viewer, String csrf, String body) {
        String dir = I18n.rightToLeft(language) ? "rtl" : "ltr";
        StringBuilder out = new StringBuilder(body.length() + 2048);
        out.append("<!DOCTYPE html><html lang=\"").append(Html.esc(language)).append("\" dir=\"").append(dir)
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · ").append(Html.esc(i18n.t(language, "title")))
                .append("</title><link rel=\"stylesheet\" href=\"/static/parley.css\"></head><body>")
                .append("<header class=\"top\"><span class=\"brand\">").append(Html.esc(i18n.t(language, "title"))).append("</span>");
        if (viewer != null) {
            out.append("<a href=\"/\">").append(Html.esc(i18n.t(language, "nav.home"))).append("</a>");
            if (viewer.moderates()) {
                out.append("<a href=\"/moderation\">").append(Html.esc(i18n.t(language, "nav.moderation"))).append("</a>")
                        .append("<a href=\"/discussions\">").append(Html.esc(i18n.t(language, "nav.discussions"))).append("</a>")
                        .append("<a href=\"/moderation/audit\">").append(Html.esc(i18n.t(language, "nav.audit"))).append("</a>");
            }
            out.append("<a href=\"/protocol\">").append(Html.esc(i18n.t(language, "nav.protocol"))).append("</a>");
            out.append("<a href=\"/settings\">").append(Html.esc(i18n.t(language, "nav.settings"))).append("</a>")
                    .append("<span class=\"muted\">").append(Html.esc(viewer.member().name())).append("</span>")
                    .append("<form method=\"post\" action=\"/logout\">").append(csrfField(csrf))
                    .append("<button type=\"submit\" id=\"logout\">").append(Html.esc(i18n.t(language, "nav.logout")))
                    .append("</button></form>");
        }
        out.append("</header><main>").append(body).append("</main></body></html>");
        return out.toString();
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.esc(csrf) + "\">";
    }
}
