package org.parley.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Why a post did not go straight out. The code appears in logs, headers and notices. */
public enum HoldReason {
    UNREADABLE("the message could not be read"),
    NO_SENDER("the message has no From address"),
    LOOP("the message came from one of this forum's lists"),
    AUTOMATIC("the message was sent by a program (auto-reply, bounce or bulk mail)"),
    TOO_BIG("the message is larger than the list allows"),
    DUPLICATE("a message with the same Message-ID was already received"),
    NOT_MEMBER("the sender is not a member of the list"),
    MODERATED("every post to this list is moderated"),
    GUEST("every post from a guest is moderated"),
    GUEST_OUTSIDE("a guest may post only in the threads of the discussion they were invited to"),
    GUEST_ENDED("the guest's access to the discussion has ended"),
    DISCUSSION_CLOSED("the discussion this post answers is closed");

    private final String explanation;

    HoldReason(String explanation) {
        this.explanation = explanation;
    }

    /** The kebab-case code used in logs and headers. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads back the comma-separated codes a held message keeps; unknown codes are skipped. */
    public static List<HoldReason> fromCodes(String codes) {
        List<HoldReason> out = new ArrayList<>();
        for (String code : codes.split(",")) {
            for (HoldReason r : values()) {
                if (r.code().equals(code.strip())) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** An English explanation, for logs and the command line; notices use templates. */
    public String explanation() {
        return explanation;
    }
}
