package org.parley.distribution;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.parley.model.MailingKind;
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

    /**
     * Whether mail can be addressed to this at all: a real message's From may hold anything
     * (an unquoted display name with spaces, control characters), and such a sender simply
     * gets no answer, while their message still gets its outcome.
     */
    public static boolean answerable(String address) {
        if (address == null || address.isBlank() || address.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        try {
            // Parsed as the notice writer parses it: what it takes can be written to.
            new InternetAddress(address);
            return address.indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }

    private static boolean unanswerable(String list, Notice notice) {
        if (answerable(notice.to())) {
            return false;
        }
        LOG.info("no answer: the address cannot be written to list={} to={}", list, notice.to().replaceAll("\\p{Cntrl}", "?"));
        return true;
    }

    /** A notice someone asked for or must get (a moderator's notice, a rejection). */
    public void notice(Tx tx, String list, Notice notice) {
        if (unanswerable(list, notice)) {
            return;
        }
        long mailing = tx.outbox().addMailing(MailingKind.NOTICE, list, writer.write(notice), null, clock.instant());
        tx.outbox().enqueue(mailing, List.of(notice.to()), clock.instant());
    }

    /** The last notice to someone the forum forgets: its address goes with its content once it is sent. */
    public void farewell(Tx tx, String list, Notice notice) {
        long mailing = tx.outbox().addMailing(MailingKind.FAREWELL, list, writer.write(notice), null, clock.instant());
        tx.outbox().enqueue(mailing, List.of(notice.to()), clock.instant());
    }

    /**
     * An automatic answer (acknowledgement, refusal): at most so many per address and day,
     * so that a loop or a forged sender cannot make us flood anyone.
     */
    public boolean autoReply(Tx tx, String list, Notice notice) {
        if (unanswerable(list, notice)) {
            return false;
        }
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
