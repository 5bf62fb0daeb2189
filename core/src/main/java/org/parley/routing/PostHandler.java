package org.parley.routing;

import org.parley.config.Settings;
import org.parley.distribution.Distributor;
import org.parley.forum.ForumList;
import org.parley.inbound.Arrival;
import org.parley.inbound.Post;
import org.parley.moderation.HoldQueue;
import org.parley.people.Member;
import org.parley.rules.Chain;
import org.parley.rules.Decision;
import org.parley.rules.ListContext;
import org.parley.rules.Verdict;
import org.parley.store.Tx;
import org.parley.translation.TranslationReply;
import org.parley.translation.TranslationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A post to a list: the chain decides, and the decision is carried out in the same transaction. */
final class PostHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PostHandler.class);

    private final Settings settings;
    private final Chain chain;
    private final HoldQueue queue;
    private final Distributor distributor;
    private final TranslationReply translations;

    PostHandler(Settings settings, Chain chain, HoldQueue queue, Distributor distributor, TranslationReply translations) {
        this.settings = settings;
        this.chain = chain;
        this.queue = queue;
        this.distributor = distributor;
        this.translations = translations;
    }

    String handle(Tx tx, Arrival arrival, Post post, byte[] raw, ForumList list) {
        var sender = post.fromAddress().isEmpty() ? java.util.Optional.<Member>empty()
                : tx.members().find(post.fromAddress());
        if (sender.isPresent() && sender.get().role().translates() && !post.inReplyTo().isEmpty()) {
            // A translator's reply to a distributed post that starts with "translate xx" is a translation of it.
            var request = TranslationRequest.read(post.text(), settings.languages());
            if (request.isPresent()) {
                return translations.handle(tx, post, tx.archive().byMessageId(list.name(), post.inReplyTo()),
                        post.subject(), list, sender.get(), request.get());
            }
        }
        var subscription = sender.flatMap(m -> tx.members().subscription(m.id(), list.name()));
        boolean seen = tx.archive().contains(list.name(), post.messageId())
                || tx.held().pendingWith(list.name(), post.messageId());
        ListContext context = new ListContext(list, settings.domain(), sender, subscription, seen,
                settings.moderation());
        Verdict verdict = chain.run(post, context);
        Decision decision = verdict.decision();
        if (decision instanceof Decision.Accept) {
            long mailing = distributor.distribute(tx, arrival.id(), post, raw, list).mailing();
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
