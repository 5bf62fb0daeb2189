package org.parley.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parley.inbound.Post;
import org.parley.model.ArchivedMessage;
import org.parley.model.Attachment;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Permalink;
import org.parley.search.SearchIndex;
import org.parley.store.ArchiveRows;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files approved posts and threads them as they come (JWZ): by the Message-IDs a post
 * answers, by posts that answered it before it arrived, by posts that answer the same
 * unseen message, by Outlook's conversation, and last by subject. A post that links two
 * threads merges them.
 */
public final class Archive {
    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
    /** How far back a reply-looking subject may find its thread when nothing else links it. */
    private static final Duration SUBJECT_WINDOW = Duration.ofDays(60);

    private final Clock clock;
    private final SearchIndex index;

    public Archive(Clock clock, SearchIndex index) {
        this.clock = clock;
        this.index = index;
    }

    /** Whoever else needs to file a message directly (a history being imported) shares this one. */
    public SearchIndex index() {
        return index;
    }

    public ArchivedMessage add(Tx tx, long arrivalId, Post post, ForumList list) {
        return add(tx, arrivalId, post, list, clock.instant());
    }

    /** A post as filed: the archived message, and whether it started its thread. */
    public record Filed(ArchivedMessage message, boolean startedThread) {
    }

    /** Files a post now whose sender the caller looked up already (a member, or nobody). */
    public Filed add(Tx tx, long arrivalId, Post post, ForumList list, Optional<Member> sender) {
        return file(tx, arrivalId, post, list, clock.instant(), sender);
    }

    /**
     * Files a post as archived at a given time: now for live mail, its own date for history
     * brought in from an mbox, so that old threads keep their place among the others.
     */
    public ArchivedMessage add(Tx tx, long arrivalId, Post post, ForumList list, Instant at) {
        return file(tx, arrivalId, post, list, at, tx.members().find(post.fromAddress())).message();
    }

    /** Whether every post of a thread is a reply; a thread whose first post is none is not, its messages unread. */
    private static boolean onlyReplies(ArchiveRows rows, long thread) {
        return rows.thread(thread).filter(first -> Subjects.isReply(first.subject())).isPresent()
                && rows.messagesOf(thread).stream().allMatch(m -> Subjects.isReply(m.subject()));
    }

    private Filed file(Tx tx, long arrivalId, Post post, ForumList list, Instant at, Optional<Member> member) {
        var rows = tx.archive();
        rows.holdList(list.name());
        String norm = Subjects.normalise(post.subject());
        String conversation = ThreadIndex.conversation(post.headers().threadIndex());
        List<String> ancestors = post.ancestors();
        Set<Long> threads = new TreeSet<>();
        threads.addAll(rows.threadsOf(list.name(), ancestors));
        List<String> named = new ArrayList<>(ancestors.size() + 1);
        named.add(post.messageId());
        named.addAll(ancestors);
        threads.addAll(rows.threadsNaming(list.name(), named));
        if (!conversation.isEmpty()) {
            threads.addAll(rows.threadsOfConversation(list.name(), conversation));
        }
        if (threads.isEmpty() && !norm.isEmpty()) {
            // A reply joins the thread of its subject; a first post joins a thread of replies
            // to it that arrived first. Two first posts that merely share a subject stay apart.
            boolean reply = Subjects.isReply(post.subject()) || !ancestors.isEmpty();
            rows.threadBySubject(list.name(), norm, at.minus(SUBJECT_WINDOW))
                    .filter(t -> reply || onlyReplies(rows, t))
                    .ifPresent(threads::add);
        }
        String delegation = member.map(Member::delegation).orElse("");
        // A bare address in From is shown under the name the member is registered with.
        String name = post.fromName().isBlank() ? member.map(Member::name).orElse("") : post.fromName();
        ArchivedMessage unfiled = new ArchivedMessage(0, arrivalId, list.name(), post.messageId(),
                Permalink.hash(post.messageId()), post.fromAddress(), name, delegation, post.subject(),
                post.sentAt().orElse(at), at, 0, post.inReplyTo(), String.join(" ", post.references()),
                Optional.empty());
        boolean started = threads.isEmpty();
        boolean merged = false;
        long thread;
        if (started) {
            thread = rows.startThread(unfiled);
        } else {
            thread = threads.iterator().next();
            List<Long> others = new ArrayList<>(threads);
            others.remove(thread);
            if (!others.isEmpty()) {
                merged = true;
                rows.mergeThreads(thread, others);
                LOG.info("threads merged list={} into={} merged={}", list.name(), thread, others);
            }
        }
        ArchivedMessage message = rows.add(unfiled.inThread(thread), post.text(), norm, conversation, ancestors);
        rows.addAttachments(message.id(), post.files().stream().map(f -> new Attachment(message.id(), f.part(),
                f.filename(), f.contentType(), f.size(), f.contentId())).toList());
        if (merged) {
            rows.refreshThread(thread);
        } else if (!started) {
            rows.joinThread(message);
        }
        // Searchable once it is in the archive for good, never for a rolled-back attempt.
        List<String> files = post.files().stream().map(Post.File::filename).toList();
        tx.afterCommit(() -> index.add(new SearchIndex.Entry(message, list, post.text(), files)));
        return new Filed(message, started);
    }
}
