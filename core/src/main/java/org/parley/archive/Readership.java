package org.parley.archive;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.model.Subscription;
import org.parley.store.Tx;

/**
 * What one person may read of the archive, decided in one place for the pages, the search
 * and the command line: a member reads the lists they are subscribed to, a moderator every
 * list; a guest reads the threads of their discussion, in every language of its room, while
 * the invitation lasts.
 *
 * @param threads for a guest, the only threads they may read
 */
public record Readership(List<ForumList> lists, Optional<Set<Long>> threads) {
    public Readership {
        lists = List.copyOf(lists);
    }

    /** Empty for a guest whose invitation has ended. */
    public static Optional<Readership> of(Tx tx, Member member) {
        if (member.role() == Role.GUEST) {
            var invitation = tx.discussions().invitationOf(member.id()).filter(i -> i.active());
            var discussion = invitation.flatMap(i -> tx.discussions().find(i.discussionId()));
            return discussion.map(d -> new Readership(tx.rooms().listsOf(d.roomId()),
                    Optional.of(tx.discussions().threads(d.id()))));
        }
        List<ForumList> all = tx.rooms().lists();
        if (member.role().moderates()) {
            return Optional.of(new Readership(all, Optional.empty()));
        }
        List<String> mine = tx.members().subscriptions(member.id()).stream().map(Subscription::list).toList();
        return Optional.of(new Readership(all.stream().filter(l -> mine.contains(l.name())).toList(), Optional.empty()));
    }

    public boolean sees(String list) {
        return lists.stream().anyMatch(l -> l.name().equals(list));
    }

    public boolean readsThread(long threadId) {
        return threads.map(t -> t.contains(threadId)).orElse(true);
    }
}
