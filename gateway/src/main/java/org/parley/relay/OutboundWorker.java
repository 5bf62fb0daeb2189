package org.parley.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.config.Settings;
import org.parley.distribution.Personalisation;
import org.parley.model.CopyKey;
import org.parley.model.Mailing;
import org.parley.model.OutboxSlice;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.parley.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox through the relay: claims a few outbox rows (slices of recipients)
 * under a lease, sends them over one reused connection, and records each slice's progress
 * every few recipients, so that a crash resends at most that few. A recipient the relay
 * refuses leaves the slice for a row of their own that carries their retries.
 */
public final class OutboundWorker extends Worker {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundWorker.class);
    private static final Runnable NOTHING = () -> { };
    /** Rows one claim asks for at most, however short the lists. */
    private static final int MAX_CLAIM_ROWS = 64;

    private final Store store;
    private final Settings.Outbound config;
    private final String heloName;
    private final Personalisation personalisation;
    private final Clock clock;
    private final String owner;
    private final Backoff backoff;
    private final Watchdog watchdog;
    private final Counter sent;
    private final Counter temporary;
    private final Counter permanent;
    private final Counter relayDown;
    /** Wakes another worker: this one's claim left due rows behind. */
    private final Runnable peers;
    /** Whether its last look found nothing, so that it waits to be woken. */
    private volatile boolean asleep;
    private SmtpRelay relay;
    private Map<Long, Ready> lastReady = Map.of();
    /** Rows the next claim asks for: as many of the last claim's rows (at first, full slices) as make a batch. */
    private int claimRows;

    public OutboundWorker(Store store, Settings settings, Personalisation personalisation, Watchdog watchdog, Clock clock,
                          String owner) {
        this(store, settings, personalisation, watchdog, clock, owner, new CompositeMeterRegistry(), () -> { });
    }

    /**
     * With the registry that counts copies by what the relay said: sent, temporary (4xx),
     * permanent (5xx), relay down; and what wakes another worker when a claim leaves due rows.
     */
    public OutboundWorker(Store store, Settings settings, Personalisation personalisation, Watchdog watchdog, Clock clock,
                          String owner, MeterRegistry meters, Runnable peers) {
        this.peers = peers;
        this.sent = meters.counter("parley.deliveries", "result", "sent");
        this.temporary = meters.counter("parley.deliveries", "result", "temporary");
        this.permanent = meters.counter("parley.deliveries", "result", "permanent");
        this.relayDown = meters.counter("parley.deliveries", "result", "relay-down");
        this.watchdog = watchdog;
        this.store = store;
        this.config = settings.outbound();
        this.heloName = settings.domain();
        this.personalisation = personalisation;
        this.clock = clock;
        this.owner = owner;
        this.backoff = new Backoff(config.retryDelays(), config.giveUpAfter());
        this.claimRows = Math.max(1, config.batchSize() / config.sliceSize());
    }

    /** Claims and delivers one batch; returns how many recipients it handled. Tests call it directly. */
    @Override
    public int runOnce() {
        asleep = false;
        Instant now = clock.instant();
        int asked = claimRows;
        Claimed claim = store.write(tx -> {
            var rows = tx.outbox().claim(owner, now, now.plus(config.lease()), asked);
            if (rows.count() == 0) {
                return new Claimed(List.of(), false);
            }
            List<OutboxSlice> claimed = tx.outbox().claimed(owner, now, rows);
            List<OutboxSlice> kept = withinBatch(claimed);
            if (kept.size() < claimed.size()) {
                // Rows past the batch would wait unrenewed while the batch is sent: back at once.
                tx.outbox().giveBack(owner, claimed.subList(kept.size(), claimed.size()).stream()
                        .map(OutboxSlice::id).toList());
            }
            return new Claimed(kept, rows.count() == asked || kept.size() < claimed.size());
        });
        List<OutboxSlice> slices = claim.slices();
        if (slices.isEmpty()) {
            return 0;
        }
        if (claim.more()) {
            peers.run(); // another worker takes what this one left while it sends these
        }
        claimRows = rowsForABatch(slices);
        Map<Long, Ready> ready = ready(slices);
        Instant renewClaimAt = renewalAfter(now); // every row of the claim is leased from now
        int handled = 0;
        for (int i = 0; i < slices.size(); i++) {
            OutboxSlice slice = slices.get(i);
            try {
                handled += deliver(slice, ready.get(slice.mailingId()), renewClaimAt);
            } catch (RelayDown e) {
                LOG.warn("relay unavailable owner={} error={} rows={}", owner, e.getMessage(), slices.size() - i);
                for (OutboxSlice rest : slices.subList(i, slices.size())) {
                    deferRest(rest, e.getMessage());
                }
                return handled;
            }
        }
        return handled;
    }

    /** The rows a claim kept, and whether it may have left due rows behind (it got all it asked for, or gave some back). */
    private record Claimed(List<OutboxSlice> slices, boolean more) {
    }

    /** Whether its last look found nothing: a worker that waits to be woken. */
    public boolean asleep() {
        return asleep;
    }

    /** The claimed rows, oldest first, while the recipients before each are fewer than a batch (one at least). */
    private List<OutboxSlice> withinBatch(List<OutboxSlice> claimed) {
        int rows = 0;
        for (long before = 0; rows < claimed.size() && before < config.batchSize(); rows++) {
            before += claimed.get(rows).remaining();
        }
        return claimed.subList(0, rows);
    }

    /**
     * Rows that make a batch if the next are like these: one row of a large list's fan-out,
     * dozens of a burst of posts to short lists (each a claim, a read and a commit fewer).
     */
    private int rowsForABatch(List<OutboxSlice> slices) {
        long recipients = slices.stream().mapToLong(OutboxSlice::remaining).sum();
        long perRow = Math.max(1, recipients / slices.size());
        return (int) Math.max(1, Math.min(MAX_CLAIM_ROWS, config.batchSize() / perRow));
    }

    /** A mailing made ready to send: its payload stuffed and its personalisation prepared, once. */
    private record Ready(SmtpRelay.Payload payload, Personalisation.Copies copies) {
    }

    /**
     * The mailings of this claim, ready to send. A mailing never changes once stored, and
     * consecutive claims mostly hold slices of the same few, so the last claim's are kept
     * (and only those, so a large attachment is not held longer than its sending).
     */
    private Map<Long, Ready> ready(List<OutboxSlice> slices) {
        Map<Long, Ready> next = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>();
        for (OutboxSlice slice : slices) {
            Ready kept = lastReady.get(slice.mailingId());
            if (kept != null) {
                next.put(slice.mailingId(), kept);
            } else {
                missing.add(slice.mailingId());
            }
        }
        if (!missing.isEmpty()) {
            for (Mailing m : store.read(tx -> tx.outbox().mailings(missing))) {
                next.put(m.id(), new Ready(SmtpRelay.Payload.of(m.content()), personalisation.of(m)));
            }
        }
        lastReady = next;
        return next;
    }

    /**
     * Sends to the slice's recipients from where it stands; returns how many it handled. A
     * slice whose lease is no longer this worker's is left at once to the worker that has it.
     */
    private int deliver(OutboxSlice slice, Ready ready, Instant renewClaimAt) throws RelayDown {
        List<String> recipients = slice.recipients();
        Progress progress = new Progress(slice, renewClaimAt);
        if (progress.renewalDue() && !progress.renew()) {
            return 0;
        }
        SmtpRelay.Envelope envelope = envelope(slice, ready, slice.done());
        for (int position = slice.done(); position < recipients.size() && !progress.lost; position++) {
            CopyKey copy = new CopyKey(slice.id(), position);
            // The next copy of the slice, whose envelope goes out behind this copy's message.
            SmtpRelay.Envelope next = envelope(slice, ready, position + 1);
            // The copies before this one are answered for; their progress is committed while
            // this one travels, so that the store's commit does not add to the round trip. Due
            // when a crash would otherwise resend more than commit-every (this copy included),
            // or when half the lease is gone: a slow relay must not let it run out mid-slice.
            int answered = position;
            Runnable whileSent = position + 1 - progress.committed >= config.commitEvery() || progress.renewalDue()
                    ? () -> progress.commit(answered) : NOTHING;
            SmtpRelay.Result result;
            try {
                result = connection().send(envelope, ready.copies().headers(copy, recipients.get(position)),
                        ready.payload(), next, whileSent);
            } catch (IOException | RelayException e) {
                // This recipient's outcome is unknown: they stay in the slice and are tried again.
                progress.commit(position);
                closeRelay();
                relayDown.increment();
                throw new RelayDown("relay " + config.host() + ":" + config.port() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                closeRelay(); // the store failed with this copy's answer unread
                throw e;
            }
            if (result.kind() == SmtpRelay.Result.Kind.SENT) {
                progress.delivered++;
            } else {
                (result.kind() == SmtpRelay.Result.Kind.PERMANENT ? permanent : temporary).increment();
                if (failed(slice, position, progress.delivered, result.kind() == SmtpRelay.Result.Kind.PERMANENT,
                        result.reply())) {
                    progress.committed = position + 1;
                    progress.count();
                } else {
                    progress.leaseLost();
                }
            }
            envelope = next;
        }
        if (progress.lost) {
            // The envelope written ahead for the next copy stays open on a connection of no further use.
            closeRelay();
        } else {
            progress.commit(recipients.size());
        }
        return progress.committed - slice.done();
    }

    /** How far a slice's sending stands, how far of that is committed, and whether its lease is still this worker's. */
    private final class Progress {
        private final OutboxSlice slice;
        private int committed;
        private int delivered;
        /**
         * Delivered copies the sent counter has. It is told at each commit, not at each copy:
         * a composite registry's increment a copy was some 3 % of a worker's time at full speed.
         */
        private int counted;
        /** When half of the slice's lease is gone: a commit is due then, whatever the count. */
        private Instant renewAt;
        /** The slice is no longer this worker's: not one more copy of it is sent. */
        private boolean lost;

        Progress(OutboxSlice slice, Instant renewAt) {
            this.slice = slice;
            this.committed = slice.done();
            this.delivered = slice.delivered();
            this.counted = delivered;
            this.renewAt = renewAt;
        }

        void count() {
            sent.increment(delivered - counted);
            counted = delivered;
        }

        boolean renewalDue() {
            return !clock.instant().isBefore(renewAt);
        }

        /** Renews the lease of a slice not yet begun; false if it is no longer this worker's. */
        boolean renew() {
            return record(committed);
        }

        /** Commits that the copies before done are answered for (delivered counts those the relay took). */
        void commit(int done) {
            if (done != committed || renewalDue()) {
                record(done);
            }
        }

        private boolean record(int done) {
            boolean held = store.writeRetrying(tx -> {
                Instant now = clock.instant();
                renewAt = renewalAfter(now);
                return tx.outbox().progress(slice, owner, done, delivered, now, now.plus(config.lease()));
            });
            if (!held) {
                leaseLost();
                return false;
            }
            committed = done;
            count();
            LOG.info("delivered owner={} outbox={} mailing={} done={}/{} delivered={}", owner, slice.id(),
                    slice.mailingId(), done, slice.recipients().size(), delivered);
            return true;
        }

        void leaseLost() {
            lost = true;
            LOG.warn("lease lost owner={} outbox={} mailing={} done={}/{} (taken over or cancelled: left to its holder)",
                    owner, slice.id(), slice.mailingId(), committed, slice.recipients().size());
        }
    }

    /** When a lease taken or renewed at this moment is half gone, and due to be renewed. */
    private Instant renewalAfter(Instant leased) {
        return leased.plus(config.lease().dividedBy(2));
    }

    /** The envelope of the copy at this position of the slice; null past its end. */
    private static SmtpRelay.Envelope envelope(OutboxSlice slice, Ready ready, int position) {
        return position >= slice.recipients().size() ? null : new SmtpRelay.Envelope(
                ready.copies().envelopeSender(new CopyKey(slice.id(), position)), slice.recipients().get(position));
    }

    /**
     * The relay refused one recipient. A row of one keeps its own attempts; in a larger slice
     * the recipient moves to a row of their own, in the same transaction as the progress
     * past them, so they are neither lost nor sent twice. False, with nothing recorded, if
     * the slice is no longer this worker's.
     */
    private boolean failed(OutboxSlice slice, int position, int delivered, boolean permanent, String error) {
        int attempts = slice.attempts() + 1;
        Instant now = clock.instant();
        Optional<Instant> next = permanent ? Optional.empty() : backoff.next(attempts, slice.createdAt(), now);
        String recipient = slice.recipients().get(position);
        long row;
        try {
            row = store.writeRetrying(tx -> {
                if (slice.recipients().size() > 1) {
                    CopyKey moved = tx.outbox().moveOut(slice, position, attempts, next, error, now);
                    if (!tx.outbox().progress(slice, owner, position + 1, delivered, now, now.plus(config.lease()))) {
                        throw new LeaseLost(); // the recipient is not moved out of a slice another worker sends
                    }
                    return moved.outboxId();
                }
                end(tx, slice.id(), attempts, next, error, now);
                return slice.id();
            });
        } catch (LeaseLost e) {
            return false;
        }
        LOG.info("delivery {} outbox={} mailing={} rcpt={} attempts={} error={}",
                next.isPresent() ? "deferred" : "failed", row, slice.mailingId(), recipient, attempts,
                error.replace('\n', ' '));
        return true;
    }

    /** A slice's lease turned out to be another worker's within a transaction: it rolls back. */
    private static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The relay could not be reached: the rest of the slice waits for its next attempt. */
    private void deferRest(OutboxSlice slice, String error) {
        int attempts = slice.attempts() + 1;
        Instant now = clock.instant();
        Optional<Instant> next = backoff.next(attempts, slice.createdAt(), now);
        store.writeRetrying(tx -> {
            end(tx, slice.id(), attempts, next, error, now);
            return null;
        });
        LOG.info("delivery {} outbox={} mailing={} attempts={} error={}", next.isPresent() ? "deferred" : "failed",
                slice.id(), slice.mailingId(), attempts, error.replace('\n', ' '));
    }

    private static void end(Tx tx, long row, int attempts, Optional<Instant> next, String error,
                            Instant now) {
        if (next.isPresent()) {
            tx.outbox().retry(row, attempts, next.get(), error);
        } else {
            tx.outbox().failed(row, attempts, now, error);
        }
    }

    /** The relay is unreachable or broke off; what is left of the claim waits for a retry. */
    private static final class RelayDown extends Exception {
        private static final long serialVersionUID = 1L;

        RelayDown(String message) {
            super(message);
        }
    }

    private SmtpRelay connection() throws IOException {
        if (relay == null) {
            relay = SmtpRelay.connect(config, heloName, watchdog);
        }
        return relay;
    }

    @Override
    protected void idle() {
        asleep = true;
        closeRelay();
        lastReady = Map.of();
    }

    private void closeRelay() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }
}
