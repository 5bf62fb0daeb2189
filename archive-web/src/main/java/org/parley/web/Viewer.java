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
 * Who is looking, and what they may see (their {@link Readership}): read from the store on
 * every request, never cached. A member who has not accepted the current protocol sees the
 * protocol first.
 */
record Viewer(Member member, String sessionHash, Readership readership, ZoneId zone, boolean protocolAccepted) {

    List<ForumList> lists() {
        return readership.lists();
    }

    /** For a guest, the threads of their discussion, the only ones they may read. */
    Optional<Set<Long>> onlyThreads() {
        return readership.threads();
    }

    boolean guest() {
        return readership.threads().isPresent();
    }

    /** Whether the viewer may read a thread: any of their lists', or for a guest only their discussion's. */
    boolean readsThread(long threadId) {
        return readership.readsThread(threadId);
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
        return readership.sees(list);
    }

    String language() {
        return member.language();
    }
}
