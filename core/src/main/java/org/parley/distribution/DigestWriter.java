package org.parley.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.config.Settings;
import org.parley.model.ArchivedMessage;
import org.parley.model.ForumList;
import org.parley.model.MailingKind;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list's digest, every day or week as the list says ({@code parley room policy LIST
 * --digest}, else {@code parley.digest.interval-days}), at {@code parley.digest.hour}: its posts of the period, composed
 * once in each language its digest readers chose ({@link DigestComposer}), sent once to each.
 * A period without posts sends nothing.
 */
public final class DigestWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DigestWriter.class);
    private static final int MAX_MESSAGES = 200;

    private final Settings settings;
    private final DigestComposer composer;
    private final Clock clock;

    public DigestWriter(Settings settings, DigestComposer composer, Clock clock) {
        this.settings = settings;
        this.composer = composer;
        this.clock = clock;
    }

    /** Sends the digests that are due; returns how many went out. */
    public int sendDue(Tx tx) {
        Instant now = clock.instant();
        int sent = 0;
        for (String name : tx.digests().listsWithDigestReaders()) {
            Optional<Instant> last = tx.digests().lastSent(name);
            if (last.isEmpty()) {
                tx.digests().sent(name, now); // the first digest covers the period from now
                continue;
            }
            Optional<ForumList> list = tx.rooms().list(name);
            if (list.isEmpty()) {
                continue;
            }
            Duration period = list.get().digestDays().map(d -> Duration.ofDays(d)).orElse(settings.digestInterval());
            if (due(last.get(), period).isAfter(now) || !tx.digests().claim(name, last.get(), now)) {
                continue;
            }
            List<ArchivedMessage> messages = tx.archive().archivedBetween(name, last.get(), now, MAX_MESSAGES).stream()
                    .filter(m -> m.erased().isEmpty()).toList();
            if (messages.isEmpty()) {
                continue;
            }
            List<DigestComposer.Entry> entries = entries(tx, list.get(), messages);
            Map<String, List<String>> byLanguage = new TreeMap<>();
            tx.digests().readers(name).forEach((chosen, emails) -> byLanguage.computeIfAbsent(
                    languages(chosen, list.get()).get(0), k -> new ArrayList<>()).addAll(emails));
            for (Map.Entry<String, List<String>> readers : byLanguage.entrySet()) {
                List<String> languages = languages(readers.getKey(), list.get());
                long mailing = tx.outbox().addMailing(MailingKind.DIGEST, name,
                        composer.compose(list.get(), languages, entries), null, now);
                tx.outbox().enqueue(mailing, readers.getValue(), now);
                LOG.info("digest sent list={} language={} mailing={} messages={} readers={}", name, languages.get(0),
                        mailing, messages.size(), readers.getValue().size());
            }
            sent++;
        }
        return sent;
    }

    /** The configured hour of the day the period ends on: a digest sent late does not push the next one later. */
    private Instant due(Instant last, Duration period) {
        Instant slot = last.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(settings.digestHour()));
        return (slot.isAfter(last) ? slot.minus(Duration.ofDays(1)) : slot).plus(period);
    }

    /** The posts with their text, and their raw message where the list sends whole posts. */
    private static List<DigestComposer.Entry> entries(Tx tx, ForumList list, List<ArchivedMessage> messages) {
        Map<Long, String> bodies = tx.archive().bodiesOf(messages.stream().map(ArchivedMessage::id).toList());
        Map<Long, byte[]> raws = list.summaryLines().isPresent() ? Map.of()
                : tx.arrivals().raws(messages.stream().map(ArchivedMessage::arrivalId).toList());
        return messages.stream().map(m -> new DigestComposer.Entry(m, bodies.getOrDefault(m.id(), ""),
                raws.getOrDefault(m.arrivalId(), new byte[0]))).toList();
    }

    /** The reader's language where the forum has it, then the list's, then the forum's. */
    private List<String> languages(String chosen, ForumList list) {
        String first = settings.languages().contains(chosen) ? chosen : list.language();
        return List.of(first, list.language(), settings.defaultLanguage());
    }
}
