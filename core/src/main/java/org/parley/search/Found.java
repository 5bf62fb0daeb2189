package org.parley.search;

import java.util.List;

/**
 * What a search found: how many in all (among the lists searched only; past a thousand, at
 * least that many, {@code exact} false), and the archive ids of this page's hits in order. A
 * hit is still checked against the store before it is shown.
 */
public record Found(long total, boolean exact, List<Long> ids) {
    public static final Found NONE = new Found(0, true, List.of());

    public Found {
        ids = List.copyOf(ids);
    }
}
