package org.parley.web;

import io.javalin.http.NotFoundResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.archive.Readership;
import org.parley.model.ForumList;
import org.parley.model.Member;

/**
 * Who is looking, and what they may see: read from the store on every request, never
 * cached. A guest sees only the threads of their discussion ({@code onlyThreads}); a
 * member who has not accepted the current protocol sees the protocol first.
 */
record Viewer(Member member, String sessionHash, List<ForumList> lists, ZoneId zone,
              Optional<Set<Long>> onlyThreads, boolean protocolAccepted) {
    Viewer(Member member, String sessionHash, List<ForumList> lists, ZoneId zone) {
        this(member, sessionHash, lists, zone, Optional.empty(), true);
    }

    boolean guest() {
        return onlyThreads.isPresent();
    }

    /** Whether the viewer may read a thread: any of their lists', or for a guest only their discussion's. */
    boolean readsThread(long threadId) {
        return onlyThreads.map(t -> t.contains(threadId)).orElse(true);
    }

    boolean moderates() {
        return member.role().moderates();
    }

    /** Moderators' pages do not exist for anyone else. */
    void requireModerator() {
        if (!moderates()) {
            throw new NotFoundResponse();
        }
    }

    boolean sees(String list) {
        return lists.stream().anyMatch(l -> l.name().equals(list));
    }

    /** What the viewer may read, as the search and the pages decide it. */
    Readership readership() {
        return new Readership(lists, onlyThreads);
    }

    String language() {
        return member.language();
    }
}
