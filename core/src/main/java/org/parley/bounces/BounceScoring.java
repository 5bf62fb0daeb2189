package org.parley.bounces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.delegation.FocalPoints;
import org.parley.distribution.Outgoing;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Tokens;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.store.Bounces;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What failed deliveries do to a subscription, as Mailman does it: a point a day at most,
 * the score forgotten when the last bounce is older than {@code parley.bounce.stale-days};
 * at {@code parley.bounce.threshold} delivery stops, the member is warned (at that address,
 * with a link that turns delivery on again) and the list's moderators are told; after
 * {@code parley.bounce.warnings} warnings, one every {@code parley.bounce.warning-days},
 * the subscription ends.
 */
public final class BounceScoring {
    private static final Logger LOG = LoggerFactory.getLogger(BounceScoring.class);
    private static final Duration LINK_LIFETIME = Duration.ofDays(90);

    private final Settings settings;
    private final Settings.Reputation config;
    private final Tokens tokens;
    private final Templates templates;
    private final Outgoing outgoing;
    private final FocalPoints focalPoints;
    private final Clock clock;

    public BounceScoring(Settings settings, Tokens tokens, Templates templates, Outgoing outgoing, FocalPoints focalPoints,
                         Clock clock) {
        this.settings = settings;
        this.config = settings.reputation();
        this.tokens = tokens;
        this.templates = templates;
        this.outgoing = outgoing;
        this.focalPoints = focalPoints;
        this.clock = clock;
    }

    /** Counts a failed delivery to a member of a list; returns the score it left. */
    public Optional<Bounces.Scored> failed(Tx tx, Member member, ForumList list, String status) {
        Instant now = clock.instant();
        Optional<Bounces.Scored> scored = tx.bounces().failed(member.id(), list.name(), now, config.bounceThreshold(),
                config.bounceStale());
        if (scored.isEmpty() || !scored.get().stoppedNow()) {
            return scored;
        }
        int score = scored.get().score();
        warn(tx, scored.get().subscriptionId(), member, list, score, 0);
        for (Member moderator : tx.members().moderators(list.language())) {
            List<String> languages = Languages.forReader(Optional.of(moderator), list, settings.defaultLanguage());
            outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                    settings.forumName(), moderator.email(), Optional.empty(),
                    templates.render("bounce-moderators", languages, Map.of(
                            "list", list.postAddress(settings.domain()), "listname", list.name(),
                            "name", member.name(), "email", member.email(), "score", String.valueOf(score),
                            "status", status.isBlank() ? "-" : status)),
                    Optional.empty(), Optional.empty()));
        }
        tx.audit().add(new AuditEntry(0, list.name(), "parley", now, "delivery stopped",
                member.email() + ": " + score + " bounces", Channel.EMAIL, "warned"));
        LOG.info("bounce delivery stopped list={} member={} score={}", list.name(), member.id(), score);
        return scored;
    }

    /** The warnings that are due, and the subscriptions whose last warning went unanswered; for the chores. */
    public int sendDue(Tx tx) {
        Instant now = clock.instant();
        int done = 0;
        for (Bounces.Stopped s : tx.bounces().warningsDue(now, config.bounceWarningInterval(), 100)) {
            Optional<ForumList> list = tx.rooms().list(s.list());
            Optional<Member> member = tx.members().find(s.email());
            if (list.isEmpty() || member.isEmpty()) {
                continue;
            }
            if (s.warnings() >= config.bounceWarnings()) {
                if (tx.members().unsubscribe(s.memberId(), s.list())) {
                    focalPoints.tell(tx, member.get(), list.get(), FocalPoints.Event.LEFT);
                    tx.audit().add(new AuditEntry(0, s.list(), "parley", now, "unsubscribed",
                            s.email() + ": delivery stopped by bounces, " + s.warnings() + " warnings unanswered",
                            Channel.EMAIL, "left " + s.list()));
                    LOG.info("bounce subscription ended list={} member={} warnings={}", s.list(), s.memberId(),
                            s.warnings());
                }
            } else {
                warn(tx, s.subscriptionId(), member.get(), list.get(), s.score(), s.warnings());
            }
            done++;
        }
        return done;
    }

    private void warn(Tx tx, long subscription, Member member, ForumList list, int score, int warningsBefore) {
        if (!tx.bounces().warned(subscription, warningsBefore, clock.instant())) {
            return;
        }
        String token = tokens.issue(Tokens.Purpose.REENABLE, subscription, clock.instant().plus(LINK_LIFETIME));
        List<String> languages = Languages.forReader(Optional.of(member), list, settings.defaultLanguage());
        Map<String, String> values = new HashMap<>();
        values.put("list", list.postAddress(settings.domain()));
        values.put("email", member.email());
        values.put("score", String.valueOf(score));
        values.put("link", settings.web().baseUrl() + "/reenable/" + token);
        values.put("warning", String.valueOf(warningsBefore + 1));
        values.put("warnings", String.valueOf(config.bounceWarnings()));
        values.put("archive", settings.web().baseUrl() + "/lists/" + list.name());
        outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                settings.forumName(), member.email(), Optional.empty(), templates.render("bounce-stopped", languages, values),
                Optional.empty(), Optional.empty()));
        LOG.info("bounce warning sent list={} member={} warning={}/{}", list.name(), member.id(), warningsBefore + 1,
                config.bounceWarnings());
    }

    /** Turns delivery on again (the member's link, the web, an administrator); false if it was not stopped. */
    public boolean enable(Tx tx, Member member, String list, String actor, Channel channel) {
        if (!tx.bounces().enable(member.id(), list)) {
            return false;
        }
        tx.audit().add(new AuditEntry(0, list, actor, clock.instant(), "delivery enabled", member.email(), channel,
                "enabled"));
        LOG.info("bounce delivery enabled list={} member={} by={}", list, member.id(), actor);
        return true;
    }
}
