package org.parley.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.parley.inbound.AuthorHeaders;
import org.parley.model.ArchivedMessage;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.search.SearchIndex;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgetting a member who asked for it: their address and name are replaced by "Former
 * member" and a placeholder address everywhere the forum wrote them (see
 * {@link org.parley.store.Traces}), their lists, password, sign-in links and sessions go,
 * and their posts are erased or kept by the moderator's choice. A kept post keeps its text
 * and shows "Former member" as its author; its raw message's header is rewritten the same
 * way. What others quoted of them, and copies in members' mailboxes, are out of reach.
 */
public final class Forgetting {
    private static final Logger LOG = LoggerFactory.getLogger(Forgetting.class);
    /** How a forgotten member is shown. */
    public static final String FORMER_MEMBER = "Former member";

    /** What is asked: by whom, through which door, why, and whether the posts go too. */
    public record Request(String actor, Channel channel, String reason, boolean erasePosts) {
    }

    /** What was done: the placeholder address, the lists left, the posts erased and kept. */
    public record Forgotten(String placeholder, List<String> lists, int erased, int kept) {
    }

    /** Every table that may hold a member's address or name, rewritten after a member is forgotten. */
    private static final List<String> TABLES = List.of("MEMBERS", "SUBSCRIPTIONS", "ACCESS_LINKS", "WEB_SESSIONS",
            "LOGIN_FAILURES", "MESSAGES", "ATTACHMENTS", "THREADS", "INBOUND", "HELD", "DECISIONS", "MAILINGS", "OUTBOX",
            "BOUNCES", "VERSIONS", "REQUESTS", "DISCUSSIONS", "INVITATIONS", "ROSTERS", "RECIPIENTS");

    private final Erasure erasure;
    private final SearchIndex index;
    private final Clock clock;

    public Forgetting(Erasure erasure, SearchIndex index, Clock clock) {
        this.erasure = erasure;
        this.index = index;
        this.clock = clock;
    }

    /** The address a forgotten member is known by: never deliverable (RFC 2606), one per member row. */
    public static String placeholder(long memberId) {
        return "former-member-" + memberId + "@forgotten.invalid";
    }

    /** Forgets a member in the caller's transaction; the files are rewritten once it commits. */
    public Outcome<Forgotten> forget(Tx tx, Member member, Request request) {
        if (request.reason() == null || request.reason().isBlank()) {
            return new Refusal<>("refused.erase-reason", Map.of());
        }
        if (member.email().endsWith("@forgotten.invalid")) {
            return new Refusal<>("refused.forgotten-already", Map.of());
        }
        String address = member.email();
        String placeholder = placeholder(member.id());
        Instant now = clock.instant();
        List<ArchivedMessage> posts = tx.archive().bySender(address);
        tx.outbox().clearSent(now, Duration.ZERO); // notices to them already sent name them in their content
        int erased = 0;
        if (request.erasePosts()) {
            erased = erasure.eraseEach(tx, posts, new Erasure.Request(request.actor(), request.channel(),
                    request.reason(), false)).messages().size();
        }
        List<ArchivedMessage> kept = request.erasePosts() ? List.of()
                : posts.stream().filter(m -> m.erased().isEmpty()).toList();
        // The raw messages of the posts that stay keep their text; their header stops naming the author.
        Map<Long, byte[]> raws = tx.arrivals().raws(kept.stream().map(ArchivedMessage::arrivalId).toList());
        raws.forEach((id, raw) -> tx.arrivals().replaceRaw(id, AuthorHeaders.replace(raw, address, FORMER_MEMBER, placeholder)));
        // Anything else they sent (commands, replies to notices, bounces of their own) is dropped.
        tx.arrivals().from(address).stream().filter(id -> !raws.containsKey(id)).forEach(tx.arrivals()::clear);
        List<String> lists = tx.members().forget(member.id(), placeholder, FORMER_MEMBER);
        int rows = tx.traces().replace(address, placeholder, FORMER_MEMBER);
        tx.audit().add(new AuditEntry(0, "", request.actor(), now, "forget", request.reason(), request.channel(),
                "forgot member #" + member.id() + " (posts erased: " + erased + ", kept as former member: " + kept.size()
                        + ", lists left: " + lists.size() + ")"));
        List<Long> keptIds = kept.stream().map(ArchivedMessage::id).toList();
        // The index holds the author's address as a term: the kept posts are indexed anew, and the old
        // documents' segments rewritten, as after an erasure.
        tx.afterCommit(() -> index.refresh(keptIds));
        erasure.rewriteFilesAfter(tx, TABLES);
        LOG.info("member forgotten member={} by={} channel={} posts-erased={} posts-kept={} rows={}", member.id(),
                request.actor(), request.channel().label(), erased, kept.size(), rows);
        return new Outcome.Applied<>(new Forgotten(placeholder, lists, erased, kept.size()));
    }
}
