package org.parley.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parley.model.Envelope;
import org.parley.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every way in (the SMTP/LMTP listener, {@code parley inject}) hands a message: it is
 * committed, raw, before the caller answers its peer, and then routed by a worker.
 */
public final class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final Store store;
    private final Clock clock;
    private final Runnable wakeUp;

    /** wakeUp tells the routing worker there is something new, so it need not poll. */
    public Inbox(Store store, Clock clock, Runnable wakeUp) {
        this.store = store;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /**
     * Like {@link #accept}, for a message fetched from a mailbox: stored once whatever
     * happens to the mailbox, keyed by source and key; empty if it was stored before.
     */
    public Optional<List<Long>> acceptOnce(String source, String key, String mailFrom, List<String> recipients,
                                           String remoteHost, byte[] raw) {
        Optional<List<Long>> ids = store.writeRetrying(tx -> {
            if (!tx.arrivals().fetchedOnce(source, key, clock.instant())) {
                return Optional.<List<Long>>empty();
            }
            return Optional.of(recipients.stream()
                    .map(rcpt -> tx.arrivals().add(new Envelope(mailFrom, rcpt, remoteHost), raw, clock.instant()))
                    .toList());
        });
        if (ids.isEmpty()) {
            LOG.info("fetched before, not taken again source={} key={}", source, key);
            return ids;
        }
        LOG.info("accepted arrival={} from={} rcpt={} size={} source={} key={}", ids.get(), mailFrom, recipients,
                raw.length, source, key);
        wakeUp.run();
        return ids;
    }

    /** Stores the message for each recipient in one transaction; returns the arrival ids. */
    public List<Long> accept(String mailFrom, List<String> recipients, String remoteHost, byte[] raw) {
        List<Long> ids = store.writeRetrying(tx -> recipients.stream()
                .map(rcpt -> tx.arrivals().add(new Envelope(mailFrom, rcpt, remoteHost), raw, clock.instant()))
                .toList());
        LOG.info("accepted arrival={} from={} rcpt={} size={} remote={}", ids, mailFrom, recipients, raw.length,
                remoteHost);
        wakeUp.run();
        return ids;
    }
}
