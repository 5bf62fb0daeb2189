package org.parley.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.parley.config.Settings;
import org.parley.delegation.FocalPoints;
import org.parley.discussion.DiscussionDesk;
import org.parley.distribution.Outgoing;
import org.parley.erasure.Erasure;
import org.parley.erasure.Forgetting;
import org.parley.model.ArchivedMessage;
import org.parley.model.Channel;
import org.parley.model.Delegation;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Permalink;
import org.parley.model.Refusal;
import org.parley.model.Request;
import org.parley.model.Role;
import org.parley.model.Tokens;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.store.Tx;
import org.parley.welcome.AccessLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to the moderators: joining a list, a topic for a discussion, a guest for one
 * discussion. Each goes to the moderators of the list's language with a reply address of
 * its own; whoever asked hears of it, and of the decision, in the language they wrote in.
 */
public final class RequestDesk {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDesk.class);

    /** An applied decision: the request, whether accepted, and what it made (a member, a discussion), for the answer. */
    public record Decided(Request request, boolean accepted, String detail) {
    }

    private final Settings settings;
    private final Tokens tokens;
    private final Templates templates;
    private final Outgoing outgoing;
    private final AccessLinks accessLinks;
    private final DiscussionDesk discussions;
    private final FocalPoints focalPoints;
    private final Erasure erasure;
    private final Forgetting forgetting;
    private final Clock clock;

    public RequestDesk(Settings settings, Tokens tokens, Templates templates, Outgoing outgoing, AccessLinks accessLinks,
                       DiscussionDesk discussions, FocalPoints focalPoints, Erasure erasure, Forgetting forgetting,
                       Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.templates = templates;
        this.outgoing = outgoing;
        this.accessLinks = accessLinks;
        this.discussions = discussions;
        this.focalPoints = focalPoints;
        this.erasure = erasure;
        this.forgetting = forgetting;
        this.clock = clock;
    }

    /**
     * Files a request and acknowledges it; returns its id. A join from an address of a
     * Member State with focal points goes to them first; anything else to the moderators of
     * the list's language.
     */
    public long submit(Tx tx, Request request, ForumList list) {
        Optional<String> delegation = request.kind() == Request.Kind.JOIN
                ? focalPoints.delegationOf(tx, request.requester()) : Optional.empty();
        List<Member> deciders = delegation.map(tx.members()::focalPoints).orElse(List.of());
        Request routed = deciders.isEmpty() ? request : request.routed(Request.State.FOCAL_POINT, delegation.get());
        long id = tx.requests().add(routed, clock.instant());
        if (!deciders.isEmpty()) {
            ask(tx, id, routed, list, deciders, "request-focal-point", m -> "");
        } else {
            askModerators(tx, id, routed, list, m -> "");
        }
        tell(tx, routed, list, "request-received", Map.of());
        LOG.info("request filed request={} kind={} list={} from={} waits-for={}", id, kind(routed), list.name(),
                routed.requester(), routed.state() == Request.State.FOCAL_POINT ? "focal-points:" + routed.delegation()
                        : "moderators");
        return id;
    }

    /**
     * A focal point's answer to a join from their delegation: accepted, it goes on to the
     * moderators with the focal point's word; declined, it is decided.
     */
    public Outcome<Decided> endorse(Tx tx, long id, boolean accept, String reason, Member focalPoint) {
        Optional<Request> found = tx.requests().find(id);
        if (found.isEmpty() || found.get().state() != Request.State.FOCAL_POINT
                || !focalPoint.focalPointOf(found.get().delegation())) {
            return new Refusal<>(found.isPresent() && !found.get().open() ? "refused.request-decided"
                    : "refused.not-focal-point", Map.of());
        }
        if (!accept) {
            return decide(tx, id, false, reason, focalPoint.email());
        }
        Request request = found.get();
        ForumList list = tx.rooms().list(request.list()).orElseThrow();
        if (!tx.requests().passToModerators(id)) {
            return new Refusal<>("refused.request-decided", Map.of());
        }
        askModerators(tx, id, request, list, languages -> templates.phrase("request.endorsed", languages, Map.of(
                "name", focalPoint.name() + " <" + focalPoint.email() + ">",
                "delegation", Delegation.name(request.delegation(), languages.get(0)))) + "\n\n");
        LOG.info("request endorsed request={} by={} delegation={}", id, focalPoint.email(), request.delegation());
        return new Outcome.Applied<>(new Decided(request, true, "endorsed"));
    }

    /** Passes on to the moderators the joins that waited for focal points longer than the forum allows; returns how many. */
    public int passOnUnanswered(Tx tx) {
        Duration wait = settings.moderation().focalPointWait();
        int passed = 0;
        for (Request request : tx.requests().focalPointSince(clock.instant().minus(wait), 100)) {
            Optional<ForumList> list = tx.rooms().list(request.list());
            if (list.isEmpty() || !tx.requests().passToModerators(request.id())) {
                continue;
            }
            askModerators(tx, request.id(), request, list.get(), languages -> templates.phrase("request.unanswered",
                    languages, Map.of("delegation", Delegation.name(request.delegation(), languages.get(0)),
                            "days", String.valueOf(wait.toDays()))) + "\n\n");
            LOG.info("request passed on request={} delegation={} why=no-focal-point-answer", request.id(),
                    request.delegation());
            passed++;
        }
        return passed;
    }

    private void askModerators(Tx tx, long id, Request request, ForumList list, Function<List<String>, String> note) {
        ask(tx, id, request, list, tx.members().moderators(list.language()), "request-moderator", note);
    }

    /** Sends each decider a notice with the request's own reply address; {@code note} opens the summary. */
    private void ask(Tx tx, long id, Request request, ForumList list, List<Member> deciders, String template,
                     Function<List<String>, String> note) {
        String reply = new ListAddress(list.name(), ListAddress.Kind.MODERATION,
                tokens.issue(Tokens.Purpose.REQUEST, id, clock.instant().plus(settings.moderation().tokenLifetime())))
                .format(settings.domain());
        for (Member decider : deciders) {
            List<String> languages = Languages.forReader(Optional.of(decider), list, settings.defaultLanguage());
            Map<String, String> values = new HashMap<>(Map.of(
                    "list", list.postAddress(settings.domain()),
                    "kind", templates.phrase("request." + kind(request), languages, Map.of()),
                    "requester", request.requesterName().isBlank() ? request.requester()
                            : request.requesterName() + " <" + request.requester() + ">",
                    "summary", note.apply(languages) + summary(tx, request, languages),
                    "number", String.valueOf(id),
                    "reply", reply));
            if (request.state() == Request.State.FOCAL_POINT) {
                values.put("delegation", Delegation.name(request.delegation(), languages.get(0)));
                values.put("days", String.valueOf(settings.moderation().focalPointWait().toDays()));
                values.put("page", settings.web().baseUrl() + "/delegation");
            }
            outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                    settings.forumName(), decider.email(), Optional.of(reply), templates.render(template, languages, values),
                    Optional.empty(), Optional.empty()));
        }
    }

    /** Accepts or declines a pending request; the caller has checked the actor moderates its list. */
    public Outcome<Decided> decide(Tx tx, long id, boolean accept, String reason, String actor) {
        return decide(tx, id, accept, reason, actor, Channel.EMAIL, Optional.empty());
    }

    /**
     * As above, through a door, and for a member's request to be forgotten, whether their
     * posts go too (empty: as they asked).
     */
    public Outcome<Decided> decide(Tx tx, long id, boolean accept, String reason, String actor, Channel channel,
                                   Optional<Boolean> erasePosts) {
        Optional<Request> found = tx.requests().find(id);
        if (found.isEmpty()) {
            return new Refusal<>("refused.unknown", Map.of());
        }
        Request request = found.get();
        Optional<ForumList> list = tx.rooms().list(request.list());
        if (list.isEmpty()) {
            return new Refusal<>("refused.unknown", Map.of());
        }
        Instant now = clock.instant();
        if (accept && request.kind() == Request.Kind.INVITATION && tx.discussions().find(request.discussionId())
                .filter(d -> d.state() != Discussion.State.CLOSED).isEmpty()) {
            return new Refusal<>("refused.discussion-closed", Map.of());
        }
        Optional<Refusal<Decided>> unworkable = accept ? unworkable(tx, request) : Optional.empty();
        if (unworkable.isPresent()) {
            return unworkable.get();
        }
        if (!tx.requests().decide(id, accept ? Request.State.ACCEPTED : Request.State.DECLINED, actor, reason, now)) {
            return new Refusal<>("refused.request-decided", Map.of());
        }
        if (!accept) {
            tell(tx, request, list.get(), "request-declined", Map.of("reason", reason.isBlank()
                    ? templates.phrase("reason.none", languages(tx, request, list.get()), Map.of()) : reason));
            LOG.info("request declined request={} kind={} by={}", id, kind(request), actor);
            return new Outcome.Applied<>(new Decided(request, false, ""));
        }
        String detail = switch (request.kind()) {
            case JOIN -> join(tx, request, list.get());
            case PROPOSAL -> propose(tx, request, list.get(), actor);
            case INVITATION -> invite(tx, request, list.get(), actor);
            case ERASURE -> eraseOwn(tx, request, actor, channel);
            case FORGET -> forget(tx, request, actor, channel, erasePosts.orElse(request.erasePosts()));
        };
        tell(tx, request, list.get(), "request-accepted", Map.of("detail", detail));
        // The answer to a member now forgotten is the last mail to them: see MailingKind.FAREWELL.
        LOG.info("request accepted request={} kind={} by={} detail={}", id, kind(request), actor, detail);
        return new Outcome.Applied<>(new Decided(request, true, detail));
    }

    private String join(Tx tx, Request request, ForumList list) {
        Member member = tx.members().find(request.requester()).orElseGet(() -> {
            String name = request.requesterName().isBlank() ? request.requester().substring(0,
                    request.requester().indexOf('@')) : request.requesterName();
            Member added = tx.members().add(new Member(0, request.requester(), name, "", list.language(), Role.DELEGATE,
                    false), clock.instant()).orElseThrow();
            accessLinks.send(tx, added, AccessLinks.Purpose.SET_PASSWORD);
            return added;
        });
        tx.members().subscribe(member.id(), list.name(), Delivery.EACH, clock.instant());
        return list.postAddress(settings.domain());
    }

    /** Why an accepted request could not be carried out: the post or the member is gone. */
    private Optional<Refusal<Decided>> unworkable(Tx tx, Request request) {
        boolean gone = switch (request.kind()) {
            case ERASURE -> tx.archive().byId(request.target()).filter(m -> m.erased().isEmpty()).isEmpty();
            case FORGET -> tx.members().find(request.requester()).isEmpty();
            default -> false;
        };
        return gone ? Optional.of(new Refusal<>("refused.request-gone", Map.of())) : Optional.empty();
    }

    private String eraseOwn(Tx tx, Request request, String actor, Channel channel) {
        ArchivedMessage post = tx.archive().byId(request.target()).orElseThrow();
        erasure.erase(tx, post, new Erasure.Request(actor, channel, "asked by its author (request #" + request.id() + ")",
                true));
        return post.subject();
    }

    private String forget(Tx tx, Request request, String actor, Channel channel, boolean erasePosts) {
        Member member = tx.members().find(request.requester()).orElseThrow();
        Outcome<Forgetting.Forgotten> done = forgetting.forget(tx, member, new Forgetting.Request(actor, channel,
                "asked by the member (request #" + request.id() + ")", erasePosts));
        return done instanceof Outcome.Applied<Forgetting.Forgotten> applied
                ? applied.value().erased() + " / " + (applied.value().erased() + applied.value().kept()) : "";
    }

    private String propose(Tx tx, Request request, ForumList list, String actor) {
        Instant now = clock.instant();
        Instant start = tx.discussions().lastEnd(list.roomId()).filter(now::isBefore).orElse(now);
        String language = list.language();
        long id = discussions.schedule(tx, list.roomId(), Map.of(language, new Discussion.Text(request.title(),
                request.body())), start, start.plus(discussions.defaultLength()), actor);
        discussions.keepTime(tx); // one that may start now opens now, not at the next round of chores
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG).withZone(ZoneOffset.UTC)
                .withLocale(Locale.forLanguageTag(request.language())).format(start) + " (#" + id + ")";
    }

    private String invite(Tx tx, Request request, ForumList list, String actor) {
        Discussion discussion = tx.discussions().find(request.discussionId()).orElseThrow();
        Member guest = tx.members().find(request.guestEmail()).orElseGet(() -> {
            Member added = tx.members().add(new Member(0, request.guestEmail(), request.guestName(),
                    request.guestOrganisation(), list.language(), Role.GUEST, false), clock.instant()).orElseThrow();
            accessLinks.send(tx, added, AccessLinks.Purpose.SET_PASSWORD);
            return added;
        });
        if (guest.role() != Role.GUEST) {
            return guest.email(); // already a member: they read the discussion as members do
        }
        tx.discussions().endInvitations(Optional.empty(), Optional.of(guest.id()),
                Invitation.State.ENDED, clock.instant());
        tx.discussions().invite(guest.id(), discussion.id(), list.name(), request.requester(), actor,
                clock.instant());
        return guest.name() + " <" + guest.email() + ">";
    }

    /** A few lines a moderator decides on. */
    private String summary(Tx tx, Request request, List<String> languages) {
        return switch (request.kind()) {
            case JOIN -> request.list() + (request.body().isBlank() ? "" : "\n\n" + request.body());
            case PROPOSAL -> request.title() + "\n\n" + request.body();
            case ERASURE -> tx.archive().byId(request.target()).map(m -> m.subject() + "\n"
                    + Permalink.url(settings.web().baseUrl(), m.list(), m.hash())).orElse("") + "\n\n" + request.body();
            case FORGET -> templates.phrase(request.erasePosts() ? "request.forget-erase" : "request.forget-keep", languages,
                    Map.of()) + "\n\n" + request.body();
            case INVITATION -> onBehalf(tx, request, languages)
                    + request.guestName() + " <" + request.guestEmail() + ">, " + request.guestOrganisation()
                    + "\n" + tx.discussions().find(request.discussionId())
                    .map(d -> "#" + d.id() + " " + d.text(languages.get(0), settings.defaultLanguage()).title()).orElse("")
                    + "\n\n" + request.body();
        };
    }

    /** For a guest proposed by a focal point: that it is asked on their delegation's behalf. */
    private String onBehalf(Tx tx, Request request, List<String> languages) {
        return tx.members().find(request.requester()).filter(m -> m.focalPointOf(m.delegation()))
                .map(m -> templates.phrase("request.on-behalf", languages, Map.of("delegation",
                        Delegation.name(m.delegation(), languages.get(0)))) + "\n").orElse("");
    }

    private List<String> languages(Tx tx, Request request, ForumList list) {
        return Languages.of(Optional.ofNullable(request.language()).filter(l -> !l.isBlank()),
                tx.members().find(request.requester()).map(Member::language).orElse(list.language()),
                list.language(), settings.defaultLanguage());
    }

    private void tell(Tx tx, Request request, ForumList list, String template, Map<String, String> more) {
        List<String> languages = languages(tx, request, list);
        Map<String, String> values = new HashMap<>(more);
        values.put("list", list.postAddress(settings.domain()));
        values.put("kind", templates.phrase("request." + kind(request), languages, Map.of()));
        values.put("title", request.kind() == Request.Kind.INVITATION ? request.guestName()
                : request.kind() == Request.Kind.PROPOSAL ? request.title() : list.postAddress(settings.domain()));
        Notice notice = new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()), settings.forumName(),
                request.requester(), Optional.empty(), templates.render(template, languages, values), Optional.empty(),
                Optional.empty());
        if (request.kind() == Request.Kind.FORGET && template.equals("request-accepted")) {
            outgoing.farewell(tx, list.name(), notice);
        } else {
            outgoing.autoReply(tx, list.name(), notice);
        }
    }

    private static String kind(Request request) {
        return request.kind().name().toLowerCase(Locale.ROOT);
    }
}
