package org.parley.discussion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Distributor;
import org.parley.distribution.Origin;
import org.parley.inbound.PostParser;
import org.parley.model.Discussion;
import org.parley.model.Envelope;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.Permalink;
import org.parley.model.Version;
import org.parley.notices.PlainMessage;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules, opens and closes discussions. At its start a discussion's opening message
 * goes to every language list of its room, each in its language and linked to the
 * others as translations; at its end it is closed and its guests' access ends. Both
 * happen from the store, on the clock, so a restart loses nothing.
 */
public final class DiscussionDesk {
    private static final Logger LOG = LoggerFactory.getLogger(DiscussionDesk.class);

    private final Settings settings;
    private final Distributor distributor;
    private final PostParser parser;
    private final Clock clock;

    public DiscussionDesk(Settings settings, Distributor distributor, PostParser parser, Clock clock) {
        this.settings = settings;
        this.distributor = distributor;
        this.parser = parser;
        this.clock = clock;
    }

    /** How long a discussion lasts when nobody says: {@code parley.discussion.days}. */
    public Duration defaultLength() {
        return settings.discussionLength();
    }

    /**
     * Schedules a discussion; it opens at its start (now, if the start is past). Throws
     * IllegalArgumentException with a clear message when the room or a text is wrong.
     */
    public long schedule(Tx tx, String roomId, Map<String, Discussion.Text> texts, Instant start, Instant end,
                         String by) {
        List<ForumList> lists = tx.rooms().listsOf(roomId);
        if (lists.isEmpty()) {
            throw new IllegalArgumentException("no room " + roomId);
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a discussion needs a title and an opening text in at least one language");
        }
        List<String> languages = lists.stream().map(ForumList::language).toList();
        for (var e : texts.entrySet()) {
            if (!languages.contains(e.getKey())) {
                throw new IllegalArgumentException("room " + roomId + " has no list in '" + e.getKey() + "' (it has "
                        + String.join(", ", languages) + ")");
            }
            if (e.getValue().title().isBlank()) {
                throw new IllegalArgumentException("the title in '" + e.getKey() + "' is empty");
            }
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the end must come after the start");
        }
        long id = tx.discussions().add(roomId, texts, start, end, by, clock.instant());
        LOG.info("discussion scheduled discussion={} room={} start={} end={} by={}", id, roomId, start, end, by);
        return id;
    }

    /** Opens what is due and closes what has ended; returns how many it moved. */
    public int keepTime(Tx tx) {
        Instant now = clock.instant();
        int done = 0;
        for (Discussion d : tx.discussions().dueToClose(now)) {
            done += close(tx, d.id(), "schedule") ? 1 : 0;
        }
        for (Discussion d : tx.discussions().dueToOpen(now)) {
            done += open(tx, d) ? 1 : 0;
        }
        return done;
    }

    private boolean open(Tx tx, Discussion d) {
        Instant now = clock.instant();
        if (!tx.discussions().advance(d.id(), Discussion.State.SCHEDULED, Discussion.State.OPEN, now)) {
            return false;
        }
        List<ForumList> lists = tx.rooms().listsOf(d.roomId());
        String first = d.texts().containsKey(settings.defaultLanguage()) ? settings.defaultLanguage()
                : d.texts().keySet().iterator().next();
        ForumList firstList = lists.stream().filter(l -> l.language().equals(first)).findFirst().orElse(lists.get(0));
        Distributor.Distributed original = openIn(tx, d, firstList, first, Optional.empty(), now);
        Origin origin = new Origin(original.archived().messageId(), firstList.language(),
                Permalink.url(settings.web().baseUrl(), firstList.name(), original.archived().hash()),
                Version.Kind.TRANSLATION);
        for (ForumList list : lists) {
            if (list != firstList) {
                Distributor.Distributed version = openIn(tx, d, list, first, Optional.of(origin), now);
                tx.versions().link(original.archived().id(), version.archived().id(), Version.Kind.TRANSLATION,
                        "discussion:" + d.id(), now);
            }
        }
        LOG.info("discussion opened discussion={} room={} lists={}", d.id(), d.roomId(), lists.size());
        return true;
    }

    private Distributor.Distributed openIn(Tx tx, Discussion d, ForumList list, String fallback,
                                           Optional<Origin> origin, Instant now) {
        Discussion.Text text = d.text(list.language(), fallback);
        String messageId = "<discussion." + d.id() + "." + list.language() + "@" + settings.domain() + ">";
        String address = list.postAddress(settings.domain());
        byte[] raw = new PlainMessage(messageId, new PlainMessage.Address(address, settings.forumName()), Optional.empty(),
                address, text.title(), now, List.of(), list.language(),
                text.body().isBlank() ? text.title() : text.body()).write();
        long arrival = tx.arrivals().addComposed(new Envelope("", list.postAddress(settings.domain()), "discussion"),
                raw, now, "opening of discussion " + d.id());
        Distributor.Distributed sent = distributor.distribute(tx, arrival, parser.parse(raw), list, origin);
        tx.discussions().addOpening(d.id(), list.name(), sent.archived().id());
        // Guests invited before the start get the opening too; later posts reach them as they are distributed.
        tx.outbox().enqueue(sent.mailing(), tx.discussions().guestsOf(d.id(), list.name()), now);
        return sent;
    }

    /**
     * Closes a discussion now (open or still scheduled); its guests' access ends. False if
     * it was already closed.
     */
    public boolean close(Tx tx, long id, String by) {
        Instant now = clock.instant();
        boolean closed = tx.discussions().advance(id, Discussion.State.OPEN, Discussion.State.CLOSED, now)
                || tx.discussions().advance(id, Discussion.State.SCHEDULED, Discussion.State.CLOSED, now);
        if (closed) {
            int guests = tx.discussions().endInvitations(Optional.of(id), Optional.empty(), Invitation.State.ENDED, now);
            LOG.info("discussion closed discussion={} by={} guests-ended={}", id, by, guests);
        }
        return closed;
    }
}
