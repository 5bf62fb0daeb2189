package org.parley.routing;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.bounces.BounceScoring;
import org.parley.config.Settings;
import org.parley.delegation.FocalPoints;
import org.parley.distribution.Outgoing;
import org.parley.inbound.BounceReport;
import org.parley.model.Arrival;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.CopyKey;
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
 * What comes back to a VERP address: read ({@link BounceReport}), matched through its token
 * to the copy it answers, and acted on. A failed delivery is recorded and the member's
 * focal points hear of it (once a week at most); a temporary one is recorded only; an
 * automatic reply is dropped; a spam complaint takes the member off that list, tells them,
 * and is audited. What cannot be matched or read goes to the list's moderators. A failed
 * delivery counts towards the subscription's bounce score ({@link BounceScoring}).
 */
public final class BounceHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BounceHandler.class);

    private final Settings settings;
    private final Tokens tokens;
    private final FocalPoints focalPoints;
    private final BounceScoring scoring;
    private final Outgoing outgoing;
    private final Templates templates;
    private final Clock clock;

    public BounceHandler(Settings settings, Tokens tokens, FocalPoints focalPoints, BounceScoring scoring,
                         Outgoing outgoing, Templates templates, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.focalPoints = focalPoints;
        this.scoring = scoring;
        this.outgoing = outgoing;
        this.templates = templates;
        this.clock = clock;
    }

    String handle(Tx tx, Arrival arrival, ForumList list, String token, byte[] raw) {
        BounceReport report = BounceReport.of(raw);
        Tokens.Check check = tokens.check(Tokens.Purpose.BOUNCE, token, clock.instant());
        long copyKey;
        if (check instanceof Tokens.Check.Valid valid) {
            copyKey = valid.subject();
        } else if (check instanceof Tokens.Check.Expired expired) {
            copyKey = expired.subject();
        } else {
            LOG.info("bounce unmatched list={} arrival={} why=invalid-token kind={}", list.name(), arrival.id(),
                    kind(report));
            return toModerators(tx, list, raw, "bounce: unmatched");
        }
        CopyKey copy = CopyKey.of(copyKey);
        String recipient = tx.outbox().recipient(copy).orElse("");
        LOG.info("bounce list={} arrival={} outbox={} position={} recipient={} kind={} status={}", list.name(),
                arrival.id(), copy.outboxId(), copy.position(), recipient, kind(report), report.status());
        Optional<Member> member = recipient.isEmpty() ? Optional.empty() : tx.members().find(recipient);
        switch (report.kind()) {
            case AUTO_REPLY:
                return "bounce: automatic reply, dropped";
            case COMPLAINT:
                return member.isPresent() ? complaint(tx, list, member.get()) : "bounce: complaint, no member";
            case UNKNOWN:
                tx.bounces().add(arrival.id(), copyKey, list.name(), recipient, clock.instant());
                return toModerators(tx, list, raw, "bounce: unknown " + recipient);
            default:
                break;
        }
        tx.bounces().add(arrival.id(), copyKey, list.name(), recipient, clock.instant(), report.failed(),
                report.status());
        if (!report.failed() || member.isEmpty()) {
            return "bounce: " + kind(report) + " " + recipient;
        }
        focalPoints.tell(tx, member.get(), list, FocalPoints.Event.BOUNCED);
        Optional<Bounces.Scored> scored = scoring.failed(tx, member.get(), list, report.status());
        return "bounce: " + kind(report) + " " + recipient + scored.map(s -> ", score " + s.score()
                + (s.stoppedNow() ? ", delivery stopped" : "")).orElse("");
    }

    /** "permanent 5.1.1", "temporary 4.4.1 given up" (a failure all the same), "automatic reply"... */
    private static String kind(BounceReport report) {
        return report.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (report.status().isEmpty() ? "" : " " + report.status())
                + (report.kind() == BounceReport.Kind.TEMPORARY && report.givenUp() ? " given up" : "");
    }

    private String toModerators(Tx tx, ForumList list, byte[] raw, String outcome) {
        if (list.roomId().isEmpty()) {
            return outcome; // the forum's own pseudo-list, or one gone: nobody moderates it
        }
        List<String> moderators = tx.members().moderators(list.language()).stream().map(Member::email).toList();
        outgoing.forward(tx, list.name(), raw, moderators);
        return outcome + ", forwarded to " + moderators.size() + " moderators";
    }

    /** RFC 5965: the member told their provider this was spam; they get no more of it, and are told why once. */
    private String complaint(Tx tx, ForumList list, Member member) {
        if (!tx.members().unsubscribe(member.id(), list.name())) {
            return "bounce: complaint, not subscribed";
        }
        List<String> languages = Languages.forReader(Optional.of(member), list, settings.defaultLanguage());
        String address = list.postAddress(settings.domain());
        String answer = templates.phrase("bounce.complaint", languages, Map.of("list", address,
                "request", list.address(ListAddress.Kind.REQUEST, settings.domain())));
        outgoing.notice(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                settings.forumName(), member.email(), Optional.empty(),
                templates.render("command-answer", languages, Map.of("list", address, "answer", answer)),
                Optional.empty(), Optional.empty()));
        focalPoints.tell(tx, member, list, FocalPoints.Event.LEFT);
        tx.audit().add(new AuditEntry(0, list.name(), member.email(), clock.instant(), "complaint",
                "reported a copy as spam (feedback report)", Channel.EMAIL, "left " + list.name()));
        LOG.info("complaint list={} member={} left", list.name(), member.id());
        return "bounce: complaint, left " + list.name();
    }
}
