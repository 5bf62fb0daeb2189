package org.parley.web;

import java.util.Map;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * HTML mail made safe to show: no script, no event handler, no form, no style attribute,
 * no remote image; images only from parts of the same message (cid: rewritten to our URLs).
 */
final class MailHtml {
    private static final Pattern OWN_PART = Pattern.compile("^/lists/[a-z0-9-]+/messages/[A-Z2-7]+/parts/\\d+\\?inline=1$");
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowCommonBlockElements()
            .allowCommonInlineFormattingElements()
            .allowElements("a", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "code",
                    "blockquote", "hr", "br", "ul", "ol", "li", "dl", "dt", "dd", "img", "span", "div")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .allowAttributes("src").matching(OWN_PART).onElements("img")
            .allowAttributes("alt", "width", "height").onElements("img")
            .allowAttributes("colspan", "rowspan").onElements("td", "th")
            .allowAttributes("dir", "lang").globally()
            .toFactory();

    private MailHtml() {
    }

    /** cids maps Content-IDs (without brackets) to our URL of that part. */
    static String sanitise(String html, Map<String, String> cids) {
        String rewritten = html;
        for (var e : cids.entrySet()) {
            rewritten = rewritten.replace("cid:" + e.getKey(), e.getValue());
        }
        return POLICY.sanitize(rewritten);
    }
}
