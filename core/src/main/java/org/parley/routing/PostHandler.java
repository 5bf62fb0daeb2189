package org.parley.routing;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.parley.archive.Subjects;
import org.parley.config.Settings;
import org.parley.distribution.Distributor;
import org.parley.inbound.Post;
import org.parley.model.Arrival;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Role;
import org.parley.moderation.HoldQueue;
import org.parley.rules.Chain;
import org.parley.rules.Decision;
import org.parley.rules.ListContext;
import org.parley.rules.Verdict;
import org.parley.store.Members;
import org.parley.store.Tx;
import org.parley.translation.TranslationReply;
import org.parley.translation.TranslationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A post to a list: the chain decides, and the decision is carried out in the same transaction. */
public final class PostHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PostHandler.class);

    private final Settings settings;
    private final Chain chain;
    private final HoldQueue queue;
    private final Distributor distributor;
    private final TranslationReply translations;

    public PostHandler(Settings settings, Chain chain, HoldQueue queue, Distributor distributor, TranslationReply translations) {
        this.settings = settings;
        this.chain = chain;
        this.queue = queue;
        this.distributor = distributor;
        this.translations = translations;
    }

    /** The discussion whose threads the post answers: by the Message-IDs it names, else by a reply's subject. */
    private static Optional<Discussion> discussionOf(Tx tx, Post post, ForumList list) {
        Set<Long> threads = new HashSet<>(tx.archive().threadsOf(list.name(), post.ancestors()));
        if (threads.isEmpty() && Subjects.isReply(post.subject())) {
            tx.archive().threadBySubject(list.name(), Subjects.normalise(post.subject()),
                    Instant.EPOCH).ifPresent(threads::add);
        }
        return tx.discussions().ofThreads(threads);
    }

    String handle(Tx tx, Arrival arrival, Post post, byte[] raw, ForumList list) {
        var subscribed = post.fromAddress().isEmpty() ? Optional.<Members.Subscribed>empty()
                : tx.members().findSubscribed(post.fromAddress(), list.name());
        var sender = subscribed.map(Members.Subscribed::member);
        if (sender.isPresent() && sender.get().role().translates() && !post.inReplyTo().isEmpty()) {
            // A translator's reply to a distributed post that starts with "translate xx" is a translation of it.
            var request = TranslationRequest.read(post.text(), settings.languages());
            if (request.isPresent()) {
                return translations.handle(tx, post, tx.archive().byMessageId(list.name(), post.inReplyTo()),
                        post.subject(), list, sender.get(), request.get());
            }
        }
        var subscription = subscribed.flatMap(Members.Subscribed::subscription);
        boolean seen = tx.archive().seen(list.name(), post.messageId());
        ListContext context = new ListContext(list, settings.domain(), sender, subscription, seen,
                settings.moderation(), discussionOf(tx, post, list),
                sender.filter(m -> m.role() == Role.GUEST)
                        .flatMap(m -> tx.discussions().invitationOf(m.id())));
        Verdict verdict = chain.run(post, context);
        Decision decision = verdict.decision();
        if (decision instanceof Decision.Accept) {
            long mailing = distributor.distributeFrom(tx, arrival.id(), post, list, sender).mailing();
            return "accepted: mailing=" + mailing;
        }
        if (decision instanceof Decision.Hold hold) {
            long held = queue.hold(tx, arrival.id(), post, raw, list, hold.reasons(), verdict);
            return "held: " + held + " " + verdict.hitsHeader();
        }
        if (decision instanceof Decision.Reject reject) {
            queue.refuse(tx, post, list, reject.reason());
            LOG.info("rejected post list={} message-id={} from={} reason={}",
                    list.name(), post.messageId(), post.fromAddress(), reject.reason().code());
            return "rejected: " + reject.reason().code();
        }
        Decision.Discard discard = (Decision.Discard) decision;
        LOG.info("discarded post list={} message-id={} from={} reason={}",
                list.name(), post.messageId(), post.fromAddress(), discard.reason().code());
        return "discarded: " + discard.reason().code();
    }
}
