package org.parley.distribution;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.model.ArchivedMessage;
import org.parley.model.Delivery;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.MailingKind;
import org.parley.model.Permalink;
import org.parley.notices.Notice;
import org.parley.notices.NoticeWriter;
import org.parley.notices.Templates;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest of a list, every {@code parley.digest.interval-days}: its posts of the
 * period, each with its author, date, the start of its text and its archive link, in the
 * list's language, sent once to every member who chose digests.
 */
public final class DigestWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DigestWriter.class);
    private static final int MAX_MESSAGES = 200;
    private static final int LINES_PER_MESSAGE = 12;

    private final Settings settings;
    private final Templates templates;
    private final NoticeWriter writer;
    private final Clock clock;

    public DigestWriter(Settings settings, Templates templates, NoticeWriter writer, Clock clock) {
        this.settings = settings;
        this.templates = templates;
        this.writer = writer;
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
            if (last.get().plus(settings.digestInterval()).isAfter(now) || !tx.digests().claim(name, last.get(), now)) {
                continue;
            }
            Optional<ForumList> list = tx.rooms().list(name);
            List<ArchivedMessage> messages = tx.archive().archivedBetween(name, last.get(), now, MAX_MESSAGES);
            if (list.isEmpty() || messages.isEmpty()) {
                continue;
            }
            byte[] raw = writer.write(new Notice(list.get().postAddress(settings.domain()), settings.forumName(),
                    list.get().postAddress(settings.domain()), Optional.empty(), text(tx, list.get(), messages),
                    Optional.empty(), Optional.empty()));
            long mailing = tx.outbox().addMailing(MailingKind.DIGEST, name, raw, null, now);
            int readers = tx.outbox().fanOut(mailing, name, Delivery.DIGEST, now);
            LOG.info("digest sent list={} mailing={} messages={} readers={}", name, mailing, messages.size(), readers);
            sent++;
        }
        return sent;
    }

    private Templates.Text text(Tx tx, ForumList list, List<ArchivedMessage> messages) {
        Map<Long, String> bodies = tx.archive().bodiesOf(messages.stream().map(ArchivedMessage::id).toList());
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(list.language())).withZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (ArchivedMessage m : messages) {
            out.append(n++).append(". ").append(m.subject().isBlank() ? "(no subject)" : m.subject()).append('\n')
                    .append("   ").append(m.senderName().isBlank() ? m.sender() : m.senderName())
                    .append(m.senderDelegation().isBlank() ? "" : " (" + m.senderDelegation() + ")")
                    .append(", ").append(date.format(m.sentAt())).append('\n')
                    .append("   ").append(Permalink.url(settings.web().baseUrl(), m.list(), m.hash())).append("\n\n");
            // A list in summary mode says no more in its digest than in its copies.
            int shown = list.summaryLines().orElse(LINES_PER_MESSAGE);
            String[] lines = bodies.getOrDefault(m.id(), "").strip().split("\n");
            for (int i = 0; i < Math.min(lines.length, shown); i++) {
                out.append("   ").append(lines[i].stripTrailing()).append('\n');
            }
            out.append(lines.length > shown ? "   [...]\n\n" : "\n");
        }
        return templates.render("digest", List.of(list.language(), settings.defaultLanguage()), Map.of(
                "list", list.postAddress(settings.domain()),
                "count", String.valueOf(messages.size()),
                "messages", out.toString(),
                "archive", settings.web().baseUrl() + "/lists/" + list.name(),
                "request", list.address(ListAddress.Kind.REQUEST, settings.domain())));
    }
}
