package org.parley.notices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.model.ForumList;
import org.parley.model.Member;

/** The order in which languages are tried for a reader: theirs, the list's, the forum's. */
public final class Languages {
    private Languages() {
    }

    public static List<String> forReader(Optional<Member> reader, ForumList list, String forumDefault) {
        return of(reader.map(Member::language), list.language(), forumDefault);
    }

    /** First the preferred language if any, then the others, without repeats. */
    public static List<String> of(Optional<String> preferred, String... then) {
        List<String> out = new ArrayList<>();
        preferred.ifPresent(out::add);
        for (String language : then) {
            if (!out.contains(language)) {
                out.add(language);
            }
        }
        return List.copyOf(out);
    }
}
