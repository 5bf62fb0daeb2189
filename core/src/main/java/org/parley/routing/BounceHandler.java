package org.parley.routing;

import java.time.Clock;
import org.parley.delegation.FocalPoints;
import org.parley.model.Arrival;
import org.parley.model.CopyKey;
import org.parley.model.ForumList;
import org.parley.model.Tokens;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounce to a VERP address is matched, through its token, to the delivery it answers;
 * the focal points of the member's delegation hear of it (once a week at most).
 */
public final class BounceHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BounceHandler.class);

    private final Tokens tokens;
    private final FocalPoints focalPoints;
    private final Clock clock;

    public BounceHandler(Tokens tokens, FocalPoints focalPoints, Clock clock) {
        this.tokens = tokens;
        this.focalPoints = focalPoints;
        this.clock = clock;
    }

    String handle(Tx tx, Arrival arrival, ForumList list, String token) {
        Tokens.Check check = tokens.check(Tokens.Purpose.BOUNCE, token, clock.instant());
        long copyKey;
        if (check instanceof Tokens.Check.Valid valid) {
            copyKey = valid.subject();
        } else if (check instanceof Tokens.Check.Expired expired) {
            copyKey = expired.subject();
        } else {
            LOG.info("bounce unmatched list={} arrival={} why=invalid-token", list.name(), arrival.id());
            return "bounce: unmatched";
        }
        CopyKey copy = CopyKey.of(copyKey);
        String recipient = tx.outbox().recipient(copy).orElse("");
        tx.bounces().add(arrival.id(), copyKey, list.name(), recipient, clock.instant());
        if (!recipient.isEmpty()) {
            tx.members().find(recipient).ifPresent(m -> focalPoints.tell(tx, m, list, FocalPoints.Event.BOUNCED));
        }
        LOG.info("bounce list={} arrival={} outbox={} position={} recipient={}", list.name(), arrival.id(),
                copy.outboxId(), copy.position(), recipient);
        return "bounce: " + recipient;
    }
}
