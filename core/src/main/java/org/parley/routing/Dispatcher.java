package org.parley.routing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.config.Settings;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.Arrival;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.store.Arrivals;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes stored arrivals, reads each, sends it down the path its address names, and records
 * the outcome: all in one transaction, so a crash leaves them waiting, never half done.
 */
public final class Dispatcher {
    private static final Pattern NOT_A_WORD = Pattern.compile("[^A-Za-z-]");
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Store store;
    private final Settings settings;
    private final PostParser parser;
    private final Handlers handlers;
    private final MeterRegistry meters;
    private final KnownLists lists;

    public Dispatcher(Store store, Settings settings, PostParser parser, Handlers handlers, MeterRegistry meters,
                      Clock clock) {
        this.store = store;
        this.lists = new KnownLists(store, clock);
        this.settings = settings;
        this.parser = parser;
        this.handlers = handlers;
        this.meters = meters;
    }

    /**
     * Counts an arrival by the kind of its outcome: its first word ("accepted", "held",
     * "bounce", "unknown", "error"...), so that the counter's labels stay few.
     */
    private void count(String outcome) {
        String kind = NOT_A_WORD.split(outcome.strip(), 2)[0].toLowerCase(Locale.ROOT);
        meters.counter("parley.arrivals", "outcome", kind.isEmpty() ? "other" : kind).increment();
    }

    /** Whether the listener should take mail for this address: one of an existing list's, or the postmaster. */
    public boolean accepts(String recipient) {
        if (handlers.postmaster().isPostmaster(recipient)) {
            return true;
        }
        Optional<ListAddress> address = ListAddress.parse(recipient, settings.domain());
        if (address.isEmpty()) {
            return false;
        }
        if (address.get().kind() == ListAddress.Kind.BOUNCES && address.get().list().equals("parley")) {
            return true;
        }
        return lists.exists(address.get().list());
    }

    /**
     * Routes several arrivals in one transaction, in order, so that a burst costs one commit
     * (one flush of the database's log) rather than one each, and the group is taken and its
     * outcomes recorded in one statement each. If any of them fails, nothing of the group is
     * kept and each is routed in a transaction of its own, so one bad message never holds up
     * the others. Returns how many were routed here.
     */
    public int dispatchAll(List<Long> arrivalIds) {
        if (arrivalIds.size() == 1) {
            return dispatch(arrivalIds.get(0)).isPresent() ? 1 : 0;
        }
        List<Arrivals.Routed> routed;
        try {
            routed = store.write(tx -> {
                List<Arrivals.Routed> done = new ArrayList<>();
                // A burst is mostly to one list: its row read once for the group, not once a post.
                Map<String, Optional<ForumList>> groupLists = new HashMap<>();
                for (Arrivals.Stored stored : tx.arrivals().takeAll(arrivalIds)) {
                    done.add(new Arrivals.Routed(stored.arrival().id(), route(tx, stored, groupLists)));
                    tx.letGoOfRows();
                }
                if (!tx.arrivals().finishAll(done)) {
                    throw new ConcurrentDispatch("an arrival of " + arrivalIds + " was routed by another worker");
                }
                return done;
            });
        } catch (RuntimeException e) {
            int count = 0;
            for (long id : arrivalIds) {
                count += dispatch(id).isPresent() ? 1 : 0;
            }
            return count;
        }
        routed.forEach(r -> count(r.outcome()));
        return routed.size();
    }

    /** Routes one arrival; returns its outcome, or empty if another worker took it first. */
    public Optional<String> dispatch(long arrivalId) {
        try {
            Optional<String> outcome = Optional.ofNullable(store.write(tx -> {
                Optional<Arrivals.Stored> stored = tx.arrivals().take(arrivalId);
                if (stored.isEmpty()) {
                    return null;
                }
                String routed = route(tx, stored.get(), new HashMap<>());
                if (!tx.arrivals().finish(arrivalId, "DONE", routed)) {
                    throw new ConcurrentDispatch("arrival " + arrivalId + " was routed by another worker");
                }
                return routed;
            }));
            outcome.ifPresent(this::count);
            return outcome;
        } catch (ConcurrentDispatch e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (Store.isTransient(e)) {
                // A lock timeout or deadlock: nothing was written; the arrival waits for the next round.
                LOG.warn("dispatch deferred arrival={} error={}", arrivalId, Store.rootMessage(e));
                return Optional.empty();
            }
            LOG.error("dispatch failed arrival={} error={}", arrivalId, e.toString(), e);
            String outcome = "error: " + e;
            store.run(tx -> tx.arrivals().finish(arrivalId, Arrivals.FAILED, outcome));
            count(outcome);
            return Optional.of(outcome);
        }
    }

    /** Sends a taken arrival down the path its address names; returns its outcome, which the caller records. */
    private String route(Tx tx, Arrivals.Stored stored, Map<String, Optional<ForumList>> groupLists) {
        Arrival arrival = stored.arrival();
        long arrivalId = arrival.id();
        byte[] raw = stored.raw();
        Post post = parser.parse(raw);
        Optional<ListAddress> address = ListAddress.parse(arrival.envelope().recipient(), settings.domain());
        Optional<ForumList> list = address.flatMap(a -> groupLists.computeIfAbsent(a.list(),
                name -> tx.rooms().list(name)));
        String outcome;
        if (handlers.postmaster().isPostmaster(arrival.envelope().recipient())) {
            outcome = handlers.postmaster().handle(tx, post, raw);
        } else if (address.isPresent() && address.get().kind() == ListAddress.Kind.BOUNCES) {
            ForumList bounceList = list.orElse(new ForumList(address.get().list(), "", settings.defaultLanguage(), ""));
            outcome = handlers.bounces().handle(tx, arrival, bounceList, address.get().token(), raw);
        } else if (list.isEmpty()) {
            outcome = "unknown recipient " + arrival.envelope().recipient();
            LOG.warn("arrival for unknown recipient arrival={} rcpt={}", arrivalId, arrival.envelope().recipient());
        } else {
            outcome = switch (address.get().kind()) {
                case POST -> handlers.posts().handle(tx, arrival, post, raw, list.get());
                case REQUEST -> handlers.requests().handle(tx, post, list.get(), address.get().token());
                case OWNER -> handlers.owners().handle(tx, post, raw, list.get());
                case MODERATION -> handlers.replies().handle(tx, post, list.get(), address.get().token());
                case BOUNCES -> throw new IllegalStateException("handled above");
            };
        }
        LOG.info("routed arrival={} rcpt={} message-id={} outcome={}", arrivalId, arrival.envelope().recipient(),
                post.messageId(), outcome);
        return outcome;
    }

    /** Another worker finished this arrival first; ours rolls back. */
    static final class ConcurrentDispatch extends RuntimeException {
        ConcurrentDispatch(String message) {
            super(message);
        }
    }
}
