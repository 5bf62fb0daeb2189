package org.parley.translation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Distributor;
import org.parley.distribution.Origin;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.ArchivedMessage;
import org.parley.model.Envelope;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Permalink;
import org.parley.model.Refusal;
import org.parley.model.Version;
import org.parley.notices.PlainMessage;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a translation of an archived post on the target language's list: written as a
 * message of the original's author sent by the translator (RFC 5322 From and Sender),
 * threaded there as the versions of the posts it answers are, archived, distributed, and
 * linked to the original, all in the caller's transaction.
 */
public final class Translations {
    private static final Logger LOG = LoggerFactory.getLogger(Translations.class);

    /** A translation distributed: the archived translation and the list it went to. */
    public record Sent(ArchivedMessage translation, ForumList list) {
    }

    private final Settings settings;
    private final Distributor distributor;
    private final PostParser parser;
    private final Clock clock;

    public Translations(Settings settings, Distributor distributor, PostParser parser, Clock clock) {
        this.settings = settings;
        this.distributor = distributor;
        this.parser = parser;
        this.clock = clock;
    }

    public Outcome<Sent> translate(Tx tx, ArchivedMessage original, ForumList from, TranslationRequest request,
                             Member translator) {
        if (!translator.role().translates()) {
            return new Refusal<>("refused.not-translator", Map.of());
        }
        if (request.target().isEmpty() || request.target().get().equals(from.language())) {
            return wrongLanguage(tx, from);
        }
        String language = request.target().get();
        Optional<ForumList> target = tx.rooms().list(tx.rooms().room(from.roomId()).orElseThrow().listName(language));
        if (target.isEmpty()) {
            return wrongLanguage(tx, from);
        }
        if (request.text().isBlank()) {
            return new Refusal<>("refused.translate-empty", Map.of());
        }
        Optional<Version> existing = tx.versions().in(original.id(), target.get().name());
        if (existing.isPresent()) {
            return new Refusal<>("refused.translate-exists", Map.of("link",
                    Permalink.url(settings.web().baseUrl(), existing.get().list(), existing.get().hash())));
        }
        Instant now = clock.instant();
        // Nearest first, as Post.ancestors() gives them.
        List<String> answered = new ArrayList<>();
        if (!original.inReplyTo().isBlank()) {
            answered.add(original.inReplyTo());
        }
        List<String> refs = new ArrayList<>(List.of(original.references().split("\\s+")));
        Collections.reverse(refs);
        for (String ref : refs) {
            if (!ref.isBlank() && !answered.contains(ref)) {
                answered.add(ref);
            }
        }
        List<String> there = tx.versions().messageIdsIn(from.name(), answered, target.get().name());
        if (there.isEmpty()) {
            there = threadedBySubject(tx, original, target.get());
        }
        String messageId = "<translation." + original.hash() + "." + language + "." + now.toEpochMilli() + "@"
                + settings.domain() + ">";
        byte[] raw = new PlainMessage(messageId, new PlainMessage.Address(original.sender(), original.senderName()),
                Optional.of(new PlainMessage.Address(translator.email(), translator.name())),
                target.get().postAddress(settings.domain()), request.subject().orElse(original.subject()), now, there,
                target.get().language(), request.text()).write();
        long arrival = tx.arrivals().addComposed(new Envelope(translator.email(), target.get().postAddress(settings.domain()),
                "translation"), raw, now, "translation of " + original.messageId() + " by " + translator.email());
        Post post = parser.parse(raw);
        Origin origin = new Origin(original.messageId(), from.language(),
                Permalink.url(settings.web().baseUrl(), from.name(), original.hash()), Version.Kind.TRANSLATION);
        Distributor.Distributed sent = distributor.distribute(tx, arrival, post, target.get(), Optional.of(origin));
        tx.versions().link(original.id(), sent.archived().id(), Version.Kind.TRANSLATION, translator.email(), now);
        LOG.info("translated message-id={} list={} into={} translation={} by={} mailing={}", original.messageId(),
                from.name(), target.get().name(), messageId, translator.email(), sent.mailing());
        return new Outcome.Applied<>(new Sent(sent.archived(), target.get()));
    }

    /**
     * A post that names no parent (joined its thread by subject or by Outlook's
     * conversation) is answered, in the target list, under the version of the nearest
     * earlier post of its thread that has one.
     */
    private static List<String> threadedBySubject(Tx tx, ArchivedMessage original, ForumList target) {
        List<ArchivedMessage> earlier = tx.archive().messagesOf(original.threadId()).stream()
                .filter(m -> m.id() != original.id() && !m.sentAt().isAfter(original.sentAt())).toList();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            List<String> found = tx.versions().messageIdsIn(original.list(), List.of(earlier.get(i).messageId()),
                    target.name());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** The languages the room has besides the original's, for the answer to a command that named none of them. */
    private static Outcome<Sent> wrongLanguage(Tx tx, ForumList from) {
        return new Refusal<>("refused.translate-language", Map.of("languages",
                String.join(", ", tx.rooms().listsOf(from.roomId()).stream().map(ForumList::language)
                        .filter(l -> !l.equals(from.language())).toList())));
    }
}
