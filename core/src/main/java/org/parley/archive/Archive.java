package org.parley.archive;

import java.time.Clock;
import org.parley.forum.ForumList;
import org.parley.inbound.Post;
import org.parley.store.Tx;

/** Files approved posts, threaded by the Message-IDs they answer. */
public final class Archive {
    private final Clock clock;

    public Archive(Clock clock) {
        this.clock = clock;
    }

    public ArchivedMessage add(Tx tx, long arrivalId, Post post, ForumList list) {
        long thread = tx.archive().threadOf(list.name(), post.ancestors()).orElse(0L);
        ArchivedMessage message = new ArchivedMessage(0, arrivalId, list.name(), post.messageId(),
                Permalink.hash(post.messageId()), post.fromAddress(), post.fromName(), post.subject(),
                post.sentAt().orElse(clock.instant()), clock.instant(), thread, post.inReplyTo(),
                String.join(" ", post.references()));
        return tx.archive().add(message, post.text());
    }
}
