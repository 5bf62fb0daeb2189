package org.parley.web;

import java.time.ZoneId;
import java.util.List;
import org.parley.forum.ForumList;
import org.parley.people.Member;

/** Who is looking, and what they may see: read from the store on every request, never cached. */
record Viewer(Member member, String sessionHash, List<ForumList> lists, ZoneId zone) {
    boolean moderates() {
        return member.role().moderates();
    }

    boolean sees(String list) {
        return lists.stream().anyMatch(l -> l.name().equals(list));
    }

    String language() {
        return member.language();
    }
}
