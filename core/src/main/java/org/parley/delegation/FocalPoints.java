package org.parley.delegation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Outgoing;
import org.parley.model.Delegation;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Subscription;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.store.Aggregates;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Member State's focal points: who speaks for its delegation about who takes part. They
 * see its members and how much each takes part, and hear when one of them leaves a list or
 * their mail comes back. Which delegation an unknown address belongs to is judged by its
 * domain ({@link org.parley.store.Members#delegationOfDomain}).
 */
public final class FocalPoints {
    private static final Logger LOG = LoggerFactory.getLogger(FocalPoints.class);
    /** A focal point hears of a member's bounces once in this long, not of each returned copy. */
    private static final Duration BOUNCE_QUIET = Duration.ofDays(7);
    /** How far back "taking part" looks on the focal point's page. */
    public static final Duration PARTICIPATION = Duration.ofDays(90);

    /** What a focal point hears of. */
    public enum Event { LEFT, BOUNCED }

    /** A member of the delegation as its focal point sees them: lists, posts of the last 90 days, last bounce. */
    public record Participant(Member member, List<Subscription> subscriptions, long posts, Optional<Instant> lastPost,
                              long bounces, Optional<Instant> lastBounce) {
    }

    private final Settings settings;
    private final Templates templates;
    private final Outgoing outgoing;
    private final Clock clock;

    public FocalPoints(Settings settings, Templates templates, Outgoing outgoing, Clock clock) {
        this.settings = settings;
        this.templates = templates;
        this.outgoing = outgoing;
        this.clock = clock;
    }

    /** The Member State an address speaks for: its member's, or the one its domain belongs to. */
    public Optional<String> delegationOf(Tx tx, String email) {
        Optional<Member> member = tx.members().find(email);
        if (member.isPresent()) {
            String delegation = member.get().delegation();
            return Delegation.kind(delegation) == Delegation.Kind.MEMBER_STATE ? Optional.of(delegation) : Optional.empty();
        }
        return tx.members().delegationOfDomain(email);
    }

    /** Tells the focal points of a member's delegation that the member left a list, or that mail to them bounced. */
    public void tell(Tx tx, Member member, ForumList list, Event event) {
        if (Delegation.kind(member.delegation()) != Delegation.Kind.MEMBER_STATE) {
            return;
        }
        Instant now = clock.instant();
        if (event == Event.BOUNCED && tx.bounces().count(member.email(), now.minus(BOUNCE_QUIET)) > 1) {
            return; // this bounce is counted already; the first of the week was told
        }
        for (Member focal : tx.members().focalPoints(member.delegation())) {
            if (focal.id() == member.id()) {
                continue;
            }
            List<String> languages = Languages.forReader(Optional.of(focal), list, settings.defaultLanguage());
            Map<String, String> values = new HashMap<>();
            values.put("name", member.name());
            values.put("email", member.email());
            values.put("list", list.postAddress(settings.domain()));
            values.put("delegation", Delegation.name(member.delegation(), languages.get(0)));
            values.put("event", templates.phrase("focal." + event.name().toLowerCase(Locale.ROOT), languages,
                    Map.of("list", list.postAddress(settings.domain()))));
            values.put("page", settings.web().baseUrl() + "/delegation");
            outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                    settings.forumName(), focal.email(), Optional.empty(),
                    templates.render("focal-point-news", languages, values), Optional.empty(), Optional.empty()));
        }
        LOG.info("focal points told event={} member={} delegation={} list={}", event.name().toLowerCase(Locale.ROOT),
                member.id(), member.delegation(), list.name());
    }

    /** The members of a delegation with how each takes part: a few queries for the whole delegation, not one a member. */
    public List<Participant> participants(Tx tx, String delegation) {
        List<Member> members = tx.members().ofDelegation(delegation, 0, 1000);
        if (members.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Subscription>> lists = tx.members().subscriptions(members.stream().map(Member::id).toList());
        Map<String, Aggregates.Activity> posts = tx.aggregates().authors(delegation, clock.instant().minus(PARTICIPATION));
        Map<String, Aggregates.Activity> bounces = tx.aggregates().bounces(members.stream().map(Member::email).toList());
        List<Participant> out = new ArrayList<>();
        for (Member m : members) {
            Aggregates.Activity wrote = posts.getOrDefault(m.email(), Aggregates.Activity.NONE);
            Aggregates.Activity bounced = bounces.getOrDefault(m.email(), Aggregates.Activity.NONE);
            out.add(new Participant(m, lists.getOrDefault(m.id(), List.of()), wrote.count(), wrote.last(),
                    bounced.count(), bounced.last()));
        }
        return out;
    }
}
