package org.parley.routing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Answers;
import org.parley.inbound.Post;
import org.parley.model.Channel;
import org.parley.model.ForumList;
import org.parley.model.HeldMessage;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Request;
import org.parley.model.Tokens;
import org.parley.moderation.Action;
import org.parley.moderation.HoldQueue;
import org.parley.moderation.ModerationReply;
import org.parley.notices.Languages;
import org.parley.notices.Templates;
import org.parley.requests.RequestDesk;
import org.parley.store.Tx;
import org.parley.translation.TranslationReply;
import org.parley.translation.TranslationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply to {@code LIST-moderation+TOKEN@}: it counts only with a valid, unexpired token
 * for a message of that list and a From address of one of its moderators. Whatever
 * happens, the sender hears back (within the daily limit of automatic answers).
 */
public final class ReplyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyHandler.class);

    private final Settings settings;
    private final Tokens tokens;
    private final HoldQueue queue;
    private final Templates templates;
    private final Answers answers;
    private final TranslationReply translations;
    private final RequestDesk requests;
    private final Clock clock;

    public ReplyHandler(Settings settings, Tokens tokens, HoldQueue queue, Templates templates, Answers answers,
                        TranslationReply translations, RequestDesk requests, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.queue = queue;
        this.templates = templates;
        this.answers = answers;
        this.translations = translations;
        this.requests = requests;
        this.clock = clock;
    }

    /** Returns the outcome, for the arrival's record. */
    public String handle(Tx tx, Post reply, ForumList list, String token) {
        if (reply.automatic()) {
            LOG.info("moderation reply ignored list={} message-id={} from={} why=automatic",
                    list.name(), reply.messageId(), reply.fromAddress());
            return "ignored: automatic reply";
        }
        Optional<Member> sender = tx.members().find(reply.fromAddress());
        Optional<ModerationReply.Command> command = ModerationReply.read(reply.text());
        List<String> languages = Languages.of(command.map(ModerationReply.Command::language),
                sender.map(Member::language).orElse(list.language()), list.language(), settings.defaultLanguage());
        String tried = command.map(c -> c.action().label()).orElse("none");
        Tokens.Check check = tokens.check(Tokens.Purpose.MODERATION, token, clock.instant());
        Tokens.Check request = tokens.check(Tokens.Purpose.REQUEST, token, clock.instant());
        if (check instanceof Tokens.Check.Invalid && !(request instanceof Tokens.Check.Invalid)) {
            return decideRequest(tx, reply, list, request, sender, command, languages, tried);
        }
        if (check instanceof Tokens.Check.Invalid) {
            return refuse(tx, reply, list, 0, tried, languages, "refused.invalid-token", Map.of());
        }
        long heldId = check instanceof Tokens.Check.Valid v ? v.subject() : ((Tokens.Check.Expired) check).subject();
        Optional<HeldMessage> held = tx.held().find(heldId);
        if (held.isEmpty() || !held.get().list().equals(list.name())) {
            return refuse(tx, reply, list, heldId, tried, languages, "refused.invalid-token", Map.of());
        }
        if (check instanceof Tokens.Check.Expired) {
            return refuse(tx, reply, list, heldId, tried, languages, "refused.expired", Map.of());
        }
        if (sender.isEmpty() || !sender.get().moderates(list.language())) {
            return refuse(tx, reply, list, heldId, tried, languages, "refused.not-moderator", Map.of());
        }
        Optional<TranslationRequest> translation = TranslationRequest.read(reply.text(), settings.languages());
        if (translation.isPresent()) {
            // The post must be in the archive first: a translation goes out linked to it.
            return translations.handle(tx, reply, tx.archive().byArrival(list.name(), held.get().arrivalId()),
                    held.get().subject(), list, sender.get(), translation.get());
        }
        if (command.isEmpty()) {
            return refuse(tx, reply, list, heldId, tried, languages, "refused.no-command", Map.of());
        }
        Outcome<HeldMessage> outcome = queue.decide(tx, heldId, command.get().action(), sender.get().email(),
                Channel.EMAIL, command.get().reason(), command.get().allLanguages());
        if (outcome instanceof Refusal<HeldMessage> refused) {
            answers.send(tx, reply, list, held.get().subject(), languages, "decision-refused",
                    Map.of("why", templates.phrase(refused.why(), languages, localised(refused.values(), languages))));
            return "refused: " + refused.why();
        }
        String done = command.get().allLanguages() ? "approve-all" : command.get().action().label();
        answers.send(tx, reply, list, held.get().subject(), languages, "decision-applied",
                Map.of("action", templates.phrase("action." + done, languages, Map.of())));
        return "decided: " + command.get().action().label() + " held=" + heldId;
    }

    /**
     * A reply about a request (to join, a topic, a guest, an erasure): accept with an approve
     * word, decline with reject. A focal point's approval of a join from their delegation
     * passes it on to the moderators.
     */
    private String decideRequest(Tx tx, Post reply, ForumList list, Tokens.Check check, Optional<Member> sender,
                                 Optional<ModerationReply.Command> command, List<String> languages, String tried) {
        long id = check instanceof Tokens.Check.Valid v ? v.subject() : ((Tokens.Check.Expired) check).subject();
        Optional<Request> request = tx.requests().find(id).filter(r -> r.list().equals(list.name()));
        String subject = request.map(r -> r.title().isBlank() ? r.requester() : r.title()).orElse(reply.subject());
        boolean focalPoint = request.isPresent() && sender.isPresent() && !sender.get().moderates(list.language())
                && request.get().state() == Request.State.FOCAL_POINT && sender.get().focalPointOf(request.get().delegation());
        String why = request.isEmpty() ? "refused.invalid-token"
                : check instanceof Tokens.Check.Expired ? "refused.expired"
                : !focalPoint && (sender.isEmpty() || !sender.get().moderates(list.language())) ? "refused.not-moderator"
                : command.isEmpty() || command.get().action() == Action.DISCARD ? "refused.no-command" : "";
        if (!why.isEmpty()) {
            LOG.info("request reply refused request={} list={} from={} tried={} why={}", id, list.name(),
                    reply.fromAddress(), tried, why);
            answers.send(tx, reply, list, subject, languages, "decision-refused",
                    Map.of("why", templates.phrase(why, languages, Map.of())));
            return "refused: " + why;
        }
        boolean accept = command.get().action() == Action.APPROVE;
        Outcome<RequestDesk.Decided> outcome = focalPoint
                ? requests.endorse(tx, id, accept, command.get().reason(), sender.get())
                : requests.decide(tx, id, accept, command.get().reason(), sender.get().email());
        if (outcome instanceof Refusal<RequestDesk.Decided> refused) {
            answers.send(tx, reply, list, subject, languages, "decision-refused",
                    Map.of("why", templates.phrase(refused.why(), languages, refused.values())));
            return "refused: " + refused.why();
        }
        String action = accept && focalPoint ? "action.endorse" : accept ? "action.accept" : "action.decline";
        answers.send(tx, reply, list, subject, languages, "decision-applied", Map.of("action",
                templates.phrase(action, languages, Map.of())));
        return (accept && focalPoint ? "endorsed" : accept ? "accepted" : "declined") + ": request=" + id;
    }

    private Map<String, String> localised(Map<String, String> values, List<String> languages) {
        if (!values.containsKey("state")) {
            return values;
        }
        return Map.of("state", templates.phrase("state." + values.get("state"), languages, Map.of()),
                "by", values.getOrDefault("by", "?"));
    }

    private String refuse(Tx tx, Post reply, ForumList list, long heldId, String tried, List<String> languages,
                          String why, Map<String, String> values) {
        queue.auditRefusal(tx, heldId, list.name(), reply.fromAddress(), tried, Channel.EMAIL, why);
        String subject = heldId == 0 ? reply.subject() : tx.held().find(heldId).map(HeldMessage::subject).orElse("");
        answers.send(tx, reply, list, subject, languages, "decision-refused",
                Map.of("why", templates.phrase(why, languages, values)));
        return "refused: " + why;
    }
}
