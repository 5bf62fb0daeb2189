package org.parley.distribution;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.parley.notices.Notice;
import org.parley.notices.NoticeWriter;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the forum's own mail in the outbox, in the caller's transaction. */
public final class Outgoing {
    private static final Logger LOG = LoggerFactory.getLogger(Outgoing.class);

    private final NoticeWriter writer;
    private final Clock clock;
    private final int autoRepliesPerDay;

    public Outgoing(NoticeWriter writer, Clock clock, int autoRepliesPerDay) {
        this.writer = writer;
        this.clock = clock;
        this.autoRepliesPerDay = autoRepliesPerDay;
    }

    /** A notice someone asked for or must get (a moderator's notice, a rejection). */
    public void notice(Tx tx, String list, Notice notice) {
        long mailing = tx.outbox().addMailing(MailingKind.NOTICE, list, writer.write(notice), null, clock.instant());
        tx.outbox().enqueue(mailing, List.of(notice.to()), clock.instant());
    }

    /**
     * An automatic answer (acknowledgement, refusal): at most so many per address and day,
     * so that a loop or a forged sender cannot make us flood anyone.
     */
    public boolean autoReply(Tx tx, String list, Notice notice) {
        long recent = tx.outbox().autoRepliesSince(notice.to(), clock.instant().minus(Duration.ofDays(1)));
        if (recent >= autoRepliesPerDay) {
            LOG.info("auto-reply suppressed list={} to={} sent-today={}", list, notice.to(), recent);
            return false;
        }
        long mailing = tx.outbox().addMailing(MailingKind.NOTICE, list, writer.write(notice), notice.to(),
                clock.instant());
        tx.outbox().enqueue(mailing, List.of(notice.to()), clock.instant());
        return true;
    }

    /** A message passed on as it is, e.g. to the owners of a list. */
    public void forward(Tx tx, String list, byte[] raw, Collection<String> recipients) {
        long mailing = tx.outbox().addMailing(MailingKind.FORWARD, list, raw, null, clock.instant());
        tx.outbox().enqueue(mailing, recipients, clock.instant());
    }
}
