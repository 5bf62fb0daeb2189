package org.parley.archive;

import java.util.Locale;
import java.util.regex.Pattern;

/** The JWZ subject key: reply and forward prefixes of many languages and list tags removed. */
public final class Subjects {
    // Re: RE: AW: TR: RV: Réf.: Antw: SV: VS: WG: Fwd: Fw: Enc: R: RIF: Odp: YNT: 回复: 答复: 转发: Ответ: ... with [n] or (n).
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*((re|aw|tr|rv|r[ée]f\\.?|ref|antw|sv|vs|wg|fwd?|enc|rif|odp|ynt|ha|res|回复|答复|转发|回覆|ответ|رد)"
                    + "\\s*(\\[\\d+]|\\(\\d+\\))?\\s*[:：]|\\[[^]]{1,60}])\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern TAGS = Pattern.compile("^\\s*(\\[[^]]{1,60}]\\s*)+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Subjects() {
    }

    public static String normalise(String subject) {
        String s = subject == null ? "" : subject.strip();
        String before;
        do {
            before = s;
            s = PREFIX.matcher(s).replaceFirst("");
        } while (!s.equals(before));
        return collapsed(s);
    }

    /** Whether the subject says it answers something (a prefix was removed, tags aside). */
    public static boolean isReply(String subject) {
        String withoutTags = TAGS.matcher(subject == null ? "" : subject).replaceFirst("");
        return !normalise(withoutTags).equals(collapsed(withoutTags.strip()));
    }

    private static String collapsed(String s) {
        return SPACES.matcher(s).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
