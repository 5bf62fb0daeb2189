package org.parley.relay;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Mailing;
import org.parley.distribution.OutboxEntry;
import org.parley.distribution.Personalisation;
import org.parley.server.Worker;
import org.parley.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox through the relay: claims a batch of due rows under a lease, sends
 * them over one reused connection, and records each recipient's outcome, committing the
 * delivered ones every few recipients so that a crash resends at most that few.
 */
public final class OutboundWorker extends Worker {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundWorker.class);

    private final Store store;
    private final Settings.Outbound config;
    private final String heloName;
    private final Personalisation personalisation;
    private final Clock clock;
    private final String owner;
    private final Backoff backoff;
    private SmtpRelay relay;

    public OutboundWorker(Store store, Settings settings, Personalisation personalisation, Clock clock, String owner) {
        this.store = store;
        this.config = settings.outbound();
        this.heloName = settings.domain();
        this.personalisation = personalisation;
        this.clock = clock;
        this.owner = owner;
        this.backoff = new Backoff(config.retryDelays(), config.giveUpAfter());
    }

    /** Claims and delivers one batch; returns how many rows it handled. Tests call it directly. */
    @Override
    public int runOnce() {
        Instant now = clock.instant();
        var claim = store.write(tx -> tx.outbox().claim(owner, now, now.plus(config.lease()), config.batchSize()));
        if (claim.count() == 0) {
            return 0;
        }
        List<OutboxEntry> entries = store.read(tx -> tx.outbox().claimed(owner, now, claim));
        Map<Long, Mailing> mailings = new HashMap<>();
        store.read(tx -> tx.outbox().mailings(new LinkedHashSet<>(entries.stream().map(OutboxEntry::mailingId).toList())))
                .forEach(m -> mailings.put(m.id(), m));
        deliver(entries, mailings);
        return entries.size();
    }

    private void deliver(List<OutboxEntry> entries, Map<Long, Mailing> mailings) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            Mailing mailing = mailings.get(entry.mailingId());
            try {
                SmtpRelay.Result result = connection().send(personalisation.envelopeSender(mailing, entry),
                        entry.recipient(), personalisation.headers(mailing, entry), mailing.content());
                if (result.kind() == SmtpRelay.Result.Kind.SENT) {
                    sent.add(entry.id());
                    if (sent.size() >= config.commitEvery()) {
                        commitSent(sent);
                    }
                } else {
                    failed(entry, result.kind() == SmtpRelay.Result.Kind.PERMANENT, result.reply());
                }
            } catch (IOException | RelayException e) {
                commitSent(sent);
                closeRelay();
                String error = "relay " + config.host() + ":" + config.port() + ": " + e.getMessage();
                LOG.warn("relay unavailable owner={} error={} pending={}", owner, e.getMessage(), entries.size() - i);
                for (OutboxEntry rest : entries.subList(i, entries.size())) {
                    failed(rest, false, error);
                }
                return;
            }
        }
        commitSent(sent);
    }

    private void commitSent(List<Long> sent) {
        if (sent.isEmpty()) {
            return;
        }
        List<Long> ids = List.copyOf(sent);
        store.writeRetrying(tx -> {
            tx.outbox().sent(ids, clock.instant());
            return null;
        });
        LOG.info("delivered owner={} count={} last-outbox={}", owner, ids.size(), ids.get(ids.size() - 1));
        sent.clear();
    }

    private void failed(OutboxEntry entry, boolean permanent, String error) {
        int attempts = entry.attempts() + 1;
        Instant now = clock.instant();
        Optional<Instant> next = permanent ? Optional.empty() : backoff.next(attempts, entry.createdAt(), now);
        store.writeRetrying(tx -> {
            if (next.isPresent()) {
                tx.outbox().retry(entry.id(), attempts, next.get(), error);
            } else {
                tx.outbox().failed(entry.id(), attempts, now, error);
            }
            return null;
        });
        LOG.info("delivery {} outbox={} mailing={} rcpt={} attempts={} error={}",
                next.isPresent() ? "deferred" : "failed", entry.id(), entry.mailingId(), entry.recipient(), attempts,
                error.replace('\n', ' '));
    }

    private SmtpRelay connection() throws IOException {
        if (relay == null) {
            relay = SmtpRelay.connect(config, heloName);
        }
        return relay;
    }

    @Override
    protected void idle() {
        closeRelay();
    }

    private void closeRelay() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }
}
