package org.parley.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.inbound.Mbox;
import org.parley.model.ArchivedMessage;
import org.parley.store.Store;
import org.parley.store.Tx;

/**
 * Writes archived posts as an mbox, the messages as they came (headers, parts and
 * attachments), in archive order, a batch at a time; erased posts are left out. An export
 * imported into another forum gives the same threads.
 */
public final class MboxExport {
    private static final int BATCH = 200;

    private final Store store;

    public MboxExport(Store store) {
        this.store = store;
    }

    /** A list's posts, optionally those sent within [from, to); returns how many were written. */
    public long list(String list, Optional<Instant> from, Optional<Instant> to, OutputStream out) {
        long after = 0;
        long written = 0;
        while (true) {
            long last = after;
            Page page = store.read(tx -> Page.of(tx, tx.archive().ofList(list, from, to, last, BATCH)));
            if (page.messages().isEmpty()) {
                return written;
            }
            written += write(page, out);
            after = page.messages().get(page.messages().size() - 1).id();
        }
    }

    /** One thread's posts; returns how many were written. */
    public long thread(long threadId, OutputStream out) {
        return write(store.read(tx -> Page.of(tx, tx.archive().messagesOf(threadId))), out);
    }

    /** Posts and their raw messages, read in one query. */
    private record Page(List<ArchivedMessage> messages, Map<Long, byte[]> raws) {
        static Page of(Tx tx, List<ArchivedMessage> messages) {
            return new Page(messages, tx.arrivals().raws(messages.stream().map(ArchivedMessage::arrivalId).toList()));
        }
    }

    private static long write(Page page, OutputStream out) {
        long written = 0;
        try {
            for (ArchivedMessage m : page.messages()) {
                byte[] raw = page.raws().get(m.arrivalId());
                if (m.erased().isPresent() || raw == null || raw.length == 0) {
                    continue;
                }
                Mbox.write(out, m.sender(), m.sentAt(), raw);
                written++;
            }
            out.flush();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("the mbox could not be written: " + e.getMessage(), e);
        }
    }
}
