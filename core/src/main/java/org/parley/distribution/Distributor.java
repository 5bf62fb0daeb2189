package org.parley.distribution;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.archive.Archive;
import org.parley.inbound.Post;
import org.parley.model.ArchivedMessage;
import org.parley.model.Arrival;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.MailingKind;
import org.parley.model.Member;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an accepted post on its way: archived, rendered once as the list copy, and one
 * outbox row per receiving subscriber, all in the caller's (the approving) transaction.
 */
public final class Distributor {
    private static final Logger LOG = LoggerFactory.getLogger(Distributor.class);

    private final Archive archive;
    private final ListCopy listCopy;
    private final DmarcMitigation dmarc;
    private final Clock clock;

    public Distributor(Archive archive, ListCopy listCopy, DmarcMitigation dmarc, Clock clock) {
        this.archive = archive;
        this.listCopy = listCopy;
        this.dmarc = dmarc;
        this.clock = clock;
    }

    public Distributor(Archive archive, ListCopy listCopy, Clock clock) {
        this(archive, listCopy, DmarcMitigation.never(), clock);
    }

    /** What distributing did: the archived message and the mailing that carries it. */
    public record Distributed(ArchivedMessage archived, long mailing) {
    }

    public Distributed distribute(Tx tx, long arrivalId, Post post, ForumList list) {
        return distribute(tx, arrivalId, post, list, Optional.empty());
    }

    /** The same for a post whose sender the caller looked up already (a member, or nobody): not looked up again. */
    public Distributed distributeFrom(Tx tx, long arrivalId, Post post, ForumList list, Optional<Member> sender) {
        return distribute(tx, arrivalId, post, list, Optional.empty(), sender);
    }

    /** A version of a post in another language goes out with a link to where it comes from. */
    public Distributed distribute(Tx tx, long arrivalId, Post post, ForumList list, Optional<Origin> origin) {
        return distribute(tx, arrivalId, post, list, origin, tx.members().find(post.fromAddress()));
    }

    private Distributed distribute(Tx tx, long arrivalId, Post undated, ForumList list, Optional<Origin> origin,
                                   Optional<Member> sender) {
        // A post without a Date: (or with one from the future) is dated by its arrival, as every MTA and Mailman do;
        // only such a post costs the look-up.
        Instant now = clock.instant();
        Post post = undated.datedAt(now, () -> tx.arrivals().find(arrivalId).map(Arrival::receivedAt).orElse(now));
        Archive.Filed filed = archive.add(tx, arrivalId, post, list, sender);
        ArchivedMessage archived = filed.message();
        byte[] copy = listCopy.render(list, post, origin, archived.senderDelegation(),
                dmarc.rewrite(list, post.messageId(), post.fromAddress()),
                post.fromName().isBlank() ? archived.senderName() : post.fromName());
        long mailing = tx.outbox().addMailing(MailingKind.LIST_COPY, list.name(), copy, null, now);
        int recipients = tx.outbox().fanOut(mailing, list.name(), now);
        // A discussion's guests are on no list: they get its threads, and nothing else. A thread
        // this post started is in no discussion yet: not asked (most posts start one).
        var discussion = filed.startedThread() ? Optional.<Discussion>empty()
                : tx.discussions().ofThreads(List.of(archived.threadId()));
        if (discussion.isPresent()) {
            var guests = tx.discussions().guestsOf(discussion.get().id(), list.name());
            tx.outbox().enqueue(mailing, guests, now);
            recipients += guests.size();
        }
        LOG.info("distributed list={} message-id={} archive={} mailing={} recipients={}",
                list.name(), post.messageId(), archived.hash(), mailing, recipients);
        return new Distributed(archived, mailing);
    }
}
