package org.parley.rules;

import java.util.List;

/** The chain's decision and the names of the rules that hit, in order. */
public record Verdict(Decision decision, List<String> hits) {
    public Verdict {
        hits = List.copyOf(hits);
    }

    /** The value of the X-Parley-Rule-Hits header. */
    public String hitsHeader() {
        return String.join("; ", hits);
    }
}
