package org.parley.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.config.Settings;
import org.parley.distribution.Distributor;
import org.parley.distribution.Origin;
import org.parley.distribution.Outgoing;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.ForumList;
import org.parley.model.HeldMessage;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Permalink;
import org.parley.model.Refusal;
import org.parley.model.Tokens;
import org.parley.model.Version;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.rules.HoldReason;
import org.parley.rules.Verdict;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Held posts: holding one (with a notice to each moderator and a word to the author) and
 * deciding one, whichever channel the decision comes by. Every decision is audited.
 */
public final class HoldQueue {
    private static final Logger LOG = LoggerFactory.getLogger(HoldQueue.class);

    private final Settings settings;
    private final Tokens tokens;
    private final Templates templates;
    private final Outgoing outgoing;
    private final Distributor distributor;
    private final PostParser parser;
    private final Clock clock;

    public HoldQueue(Settings settings, Tokens tokens, Templates templates, Outgoing outgoing, Distributor distributor,
                     PostParser parser, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.templates = templates;
        this.outgoing = outgoing;
        this.distributor = distributor;
        this.parser = parser;
        this.clock = clock;
    }

    public long hold(Tx tx, long arrivalId, Post post, byte[] raw, ForumList list, List<HoldReason> reasons,
                     Verdict verdict) {
        String codes = reasons.stream().map(HoldReason::code).collect(Collectors.joining(","));
        long id = tx.held().add(arrivalId, list.name(), post.fromAddress(), post.messageId(), post.subject(), codes,
                clock.instant());
        String sender = post.fromName().isEmpty() ? post.fromAddress() : post.fromName() + " <" + post.fromAddress() + ">";
        for (Member moderator : tx.members().moderators(list.language())) {
            tellModerator(tx, "held-moderator", moderator, list, id, sender, post.subject(), reasons, raw,
                    Map.of("hits", verdict.hitsHeader()));
        }
        // Only members (guests too) hear that their post waits: a stranger's From may be forged,
        // and answering it would send mail to someone who never wrote (backscatter).
        Optional<Member> author = post.fromAddress().isEmpty() || post.automatic() ? Optional.empty()
                : tx.members().find(post.fromAddress());
        if (author.isPresent()) {
            List<String> languages = Languages.forReader(author, list, settings.defaultLanguage());
            Templates.Text text = templates.render("held-author", languages, Map.of(
                    "list", list.postAddress(settings.domain()),
                    "subject", shown(post.subject()),
                    "reason", reasonText(reasons, languages)));
            outgoing.autoReply(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                    settings.forumName(), post.fromAddress(), Optional.empty(), text, Optional.of(post.messageId()),
                    Optional.empty()));
        }
        LOG.info("held post list={} held={} message-id={} from={} reason={} hits={}",
                list.name(), id, post.messageId(), post.fromAddress(), codes, verdict.hitsHeader());
        return id;
    }

    /** A notice to one moderator about one held post, with a reply address only that post's decision may use. */
    private void tellModerator(Tx tx, String template, Member moderator, ForumList list, long heldId, String sender,
                               String subject, List<HoldReason> reasons, byte[] raw, Map<String, String> more) {
        String reply = new ListAddress(list.name(), ListAddress.Kind.MODERATION, token(heldId)).format(settings.domain());
        List<String> languages = Languages.forReader(Optional.of(moderator), list, settings.defaultLanguage());
        Map<String, String> values = new HashMap<>(more);
        values.putAll(Map.of(
                "list", list.postAddress(settings.domain()),
                "subject", shown(subject),
                "sender", sender,
                "reason", reasonText(reasons, languages),
                "held", String.valueOf(heldId),
                "reply", reply));
        Templates.Text text = templates.render(template, languages, values);
        outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                settings.forumName(), moderator.email(), Optional.of(reply), text, Optional.empty(), Optional.of(raw)));
    }

    /**
     * Brings posts that waited longer than {@code parley.moderation.escalate-after-hours}
     * to the chief moderators, once each. Returns how many.
     */
    public int escalate(Tx tx) {
        Instant now = clock.instant();
        Duration after = settings.moderation().escalateAfter();
        List<HeldMessage> due = tx.held().dueForEscalation(now.minus(after), 50);
        if (due.isEmpty()) {
            return 0;
        }
        List<Member> chiefs = tx.members().chiefModerators();
        int done = 0;
        for (HeldMessage held : due) {
            Optional<ForumList> list = tx.rooms().list(held.list());
            if (!tx.held().markEscalated(held.id(), now) || list.isEmpty()) {
                continue;
            }
            byte[] raw = tx.arrivals().raw(held.arrivalId()).orElse(new byte[0]);
            for (Member chief : chiefs) {
                tellModerator(tx, "held-escalated", chief, list.get(), held.id(), held.sender(), held.subject(),
                        HoldReason.fromCodes(held.reasons()), raw, Map.of("hours", String.valueOf(after.toHours())));
            }
            LOG.info("escalated held={} list={} message-id={} chiefs={}", held.id(), held.list(), held.messageId(),
                    chiefs.size());
            done++;
        }
        return done;
    }

    /** The token for a held message's moderation address. */
    public String token(long heldId) {
        return tokens.issue(Tokens.Purpose.MODERATION, heldId,
                clock.instant().plus(settings.moderation().tokenLifetime()));
    }

    /**
     * Applies a decision if the message still waits; the caller has checked that the actor
     * may decide for this list.
     */
    public Outcome<HeldMessage> decide(Tx tx, long heldId, Action action, String actor, Channel channel, String reason) {
        return decide(tx, heldId, action, actor, channel, reason, false);
    }

    /**
     * As above; with {@code allLanguages}, an approved post goes to every language list of
     * its room (an announcement), each copy linked to the first as a version of it.
     */
    public Outcome<HeldMessage> decide(Tx tx, long heldId, Action action, String actor, Channel channel, String reason,
                          boolean allLanguages) {
        Instant now = clock.instant();
        Optional<HeldMessage> found = tx.held().find(heldId);
        if (found.isEmpty()) {
            return new Refusal<>("refused.unknown", Map.of());
        }
        HeldMessage held = found.get();
        if (!tx.held().decide(heldId, action.result(), actor, now, channel, reason)) {
            HeldMessage current = tx.held().find(heldId).orElse(held);
            String by = current.decided().map(HeldMessage.Decided::by).orElse("?");
            audit(tx, held, actor, action, reason, channel, "refused: already " + current.state().name().toLowerCase());
            return new Refusal<>("refused.decided",
                    Map.of("state", current.state().name().toLowerCase(Locale.ROOT), "by", by));
        }
        boolean everywhere = allLanguages && action == Action.APPROVE;
        audit(tx, held, actor, action, reason, channel, everywhere ? "applied: all languages" : "applied");
        Optional<ForumList> list = tx.rooms().list(held.list());
        byte[] raw = tx.arrivals().raw(held.arrivalId()).orElseThrow();
        Post post = parser.parse(raw);
        if (action == Action.APPROVE && list.isPresent()) {
            Distributor.Distributed first = distributor.distribute(tx, held.arrivalId(), post, list.get());
            if (everywhere) {
                copyToSisterLists(tx, first, post, list.get(), actor);
            }
        } else if (action == Action.REJECT && list.isPresent() && !post.fromAddress().isEmpty()) {
            tellAuthor(tx, post, list.get(), tx.members().find(post.fromAddress()), languages -> reason, false);
        }
        LOG.info("decided held={} list={} message-id={} action={} by={} channel={}",
                heldId, held.list(), held.messageId(), action.label(), actor, channel.label());
        return new Outcome.Applied<>(held);
    }

    private void copyToSisterLists(Tx tx, Distributor.Distributed first, Post post, ForumList list,
                                   String actor) {
        Origin origin = new Origin(post.messageId(), list.language(),
                Permalink.url(settings.web().baseUrl(), list.name(), first.archived().hash()), Version.Kind.COPY);
        for (ForumList other : tx.rooms().listsOf(list.roomId())) {
            if (!other.name().equals(list.name()) && !tx.archive().contains(other.name(), post.messageId())) {
                Distributor.Distributed copy = distributor.distribute(tx, first.archived().arrivalId(), post, other,
                        Optional.of(origin));
                tx.versions().link(first.archived().id(), copy.archived().id(), Version.Kind.COPY, actor, clock.instant());
            }
        }
    }

    /** Refusals that never reached decide() are audited too, with what was tried. */
    public void auditRefusal(Tx tx, long heldId, String list, String actor, String tried, Channel channel, String why) {
        tx.audit().add(new AuditEntry(heldId, list, actor, clock.instant(), tried, "", channel, "refused: " + why));
        LOG.info("refused decision held={} list={} by={} channel={} why={}", heldId, list, actor, channel.label(), why);
    }

    private void audit(Tx tx, HeldMessage held, String actor, Action action, String reason, Channel channel,
                       String outcome) {
        tx.audit().add(new AuditEntry(held.id(), held.list(), actor, clock.instant(), action.label(), reason, channel,
                outcome));
    }

    /**
     * A post the chain refused (e.g. a non-member's, where the forum rejects those). Only a
     * member is told: a stranger's From may be forged (no backscatter); the refusal is logged.
     */
    public void refuse(Tx tx, Post post, ForumList list, HoldReason reason) {
        Optional<Member> author = tx.members().find(post.fromAddress());
        if (author.isPresent()) {
            tellAuthor(tx, post, list, author, languages -> reasonText(List.of(reason), languages), true);
        }
    }

    /** The reason is written once the author's languages are known. */
    private void tellAuthor(Tx tx, Post post, ForumList list, Optional<Member> author,
                            Function<List<String>, String> reasonIn, boolean automatic) {
        List<String> languages = Languages.forReader(author, list, settings.defaultLanguage());
        String reason = reasonIn.apply(languages);
        Templates.Text text = templates.render("rejected", languages, Map.of(
                "list", list.postAddress(settings.domain()),
                "subject", shown(post.subject()),
                "reason", reason.isBlank() ? templates.phrase("reason.none", languages, Map.of()) : reason));
        Notice notice = new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()), settings.forumName(),
                post.fromAddress(), Optional.empty(), text, Optional.of(post.messageId()), Optional.empty());
        if (automatic) {
            outgoing.autoReply(tx, list.name(), notice);
        } else {
            outgoing.notice(tx, list.name(), notice);
        }
    }

    /** The reasons in the reader's words. */
    public String reasonText(List<HoldReason> reasons, List<String> languages) {
        return reasons.stream().map(r -> templates.phrase("reason." + r.code(), languages, Map.of()))
                .collect(Collectors.joining("; "));
    }

    static String shown(String subject) {
        return subject.isBlank() ? "(no subject)" : subject;
    }
}
