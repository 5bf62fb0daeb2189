package org.parley.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.discussion.DiscussionDesk;
import org.parley.distribution.Outgoing;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Outcome;
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
    private final Clock clock;

    public RequestDesk(Settings settings, Tokens tokens, Templates templates, Outgoing outgoing, AccessLinks accessLinks,
                       DiscussionDesk discussions, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.templates = templates;
        this.outgoing = outgoing;
        this.accessLinks = accessLinks;
        this.discussions = discussions;
        this.clock = clock;
    }

    /** Files a request, tells the moderators of its list's language, and acknowledges it; returns its id. */
    public long submit(Tx tx, Request request, ForumList list) {
        long id = tx.requests().add(request, clock.instant());
        String reply = new ListAddress(list.name(), ListAddress.Kind.MODERATION,
                tokens.issue(Tokens.Purpose.REQUEST, id, clock.instant().plus(settings.moderation().tokenLifetime())))
                .format(settings.domain());
        for (Member moderator : tx.members().moderators(list.language())) {
            List<String> languages = Languages.forReader(Optional.of(moderator), list, settings.defaultLanguage());
            Templates.Text text = templates.render("request-moderator", languages, Map.of(
                    "list", list.postAddress(settings.domain()),
                    "kind", templates.phrase("request." + kind(request), languages, Map.of()),
                    "requester", request.requesterName().isBlank() ? request.requester()
                            : request.requesterName() + " <" + request.requester() + ">",
                    "summary", summary(tx, request, languages),
                    "number", String.valueOf(id),
                    "reply", reply));
            outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                    settings.forumName(), moderator.email(), Optional.of(reply), text, Optional.empty(), Optional.empty()));
        }
        tell(tx, request, list, "request-received", Map.of());
        LOG.info("request filed request={} kind={} list={} from={}", id, kind(request), list.name(), request.requester());
        return id;
    }

    /** Accepts or declines a pending request; the caller has checked the actor moderates its list. */
    public Outcome<Decided> decide(Tx tx, long id, boolean accept, String reason, String actor) {
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
        };
        tell(tx, request, list.get(), "request-accepted", Map.of("detail", detail));
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
            case JOIN -> request.list();
            case PROPOSAL -> request.title() + "\n\n" + request.body();
            case INVITATION -> request.guestName() + " <" + request.guestEmail() + ">, " + request.guestOrganisation()
                    + "\n" + tx.discussions().find(request.discussionId())
                    .map(d -> "#" + d.id() + " " + d.text(languages.get(0), settings.defaultLanguage()).title()).orElse("")
                    + "\n\n" + request.body();
        };
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
        outgoing.autoReply(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                settings.forumName(), request.requester(), Optional.empty(), templates.render(template, languages, values),
                Optional.empty(), Optional.empty()));
    }

    private static String kind(Request request) {
        return request.kind().name().toLowerCase(Locale.ROOT);
    }
}
