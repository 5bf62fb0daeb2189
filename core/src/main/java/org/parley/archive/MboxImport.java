package org.parley.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.parley.inbound.Mbox;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.Envelope;
import org.parley.model.ForumList;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a list's history from an mbox into the archive: each message threaded as a live
 * post would be, dated by its own Date, its author matched to a member by address, and
 * delivered to nobody. A Message-ID already in the list is skipped, so importing the same
 * file twice adds nothing (a message without one gets the id its bytes always give).
 */
public final class MboxImport {
    private static final Logger LOG = LoggerFactory.getLogger(MboxImport.class);
    private static final int BATCH = 25;
    private static final int UNREADABLE_KEPT = 50;

    /** How it went: added, already there, and why some could not be read (the first few). */
    public record Report(long imported, long present, long unreadable, List<String> problems) {
    }

    private final Store store;
    private final Archive archive;
    private final PostParser parser;
    private final String domain;
    private final Clock clock;

    public MboxImport(Store store, Archive archive, PostParser parser, String domain, Clock clock) {
        this.store = store;
        this.archive = archive;
        this.parser = parser;
        this.domain = domain;
        this.clock = clock;
    }

    /** Imports the messages of an mbox into a list; progress gets the count read so far. */
    public Report run(ForumList list, InputStream mbox, LongConsumer progress) throws IOException {
        long[] counts = new long[3];
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        // The file is read and parsed a few batches ahead on another thread while this one
        // writes: one writer, so that a reply always sees the thread of the post it answers.
        BlockingQueue<List<Parsed>> ready = new ArrayBlockingQueue<>(4);
        AtomicReference<IOException> failed = new AtomicReference<>();
        AtomicLong unparsed = new AtomicLong();
        Thread reader = new Thread(() -> readAhead(mbox, ready, failed, unparsed, problems), "mbox-reader");
        reader.setDaemon(true);
        reader.start();
        long read = 0;
        try {
            while (true) {
                List<Parsed> batch = ready.take();
                if (batch.isEmpty()) {
                    break;
                }
                read = batch.get(batch.size() - 1).number();
                List<Parsed> posts = batch.stream().filter(p -> p.post() != null).toList();
                if (!posts.isEmpty()) {
                    write(list, posts, counts, problems);
                }
                progress.accept(read);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the import was interrupted", e);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        counts[2] += unparsed.get();
        LOG.info("mbox imported list={} read={} imported={} present={} unreadable={}", list.name(), read, counts[0],
                counts[1], counts[2]);
        return new Report(counts[0], counts[1], counts[2], List.copyOf(problems));
    }

    /** Reads and parses batches until the end of the file, then hands over an empty batch. */
    private void readAhead(InputStream mbox, BlockingQueue<List<Parsed>> ready, AtomicReference<IOException> failed,
                           AtomicLong unparsed, List<String> problems) {
        Mbox.Reader reader = new Mbox.Reader(mbox);
        long number = 0;
        try {
            while (true) {
                List<Parsed> batch = new ArrayList<>();
                Optional<byte[]> next;
                while (batch.size() < BATCH && (next = reader.next()).isPresent()) {
                    number++;
                    batch.add(parse(number, next.get(), unparsed, problems));
                }
                if (batch.isEmpty()) {
                    break;
                }
                ready.put(batch);
            }
        } catch (IOException e) {
            failed.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            ready.put(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Parsed(long number, byte[] raw, Post post) {
    }

    private Parsed parse(long number, byte[] raw, AtomicLong unparsed, List<String> problems) {
        try {
            return new Parsed(number, raw, parser.parse(raw));
        } catch (RuntimeException e) {
            unparsed.incrementAndGet();
            problem(number, e, problems);
            return new Parsed(number, raw, null);
        }
    }

    /** One transaction a batch; a batch that fails is done again one message at a time, to name the culprit. */
    private void write(ForumList list, List<Parsed> batch, long[] counts, List<String> problems) {
        try {
            long[] done = store.writeRetrying(tx -> {
                long[] c = new long[2];
                for (Parsed p : batch) {
                    c[add(tx, list, p) ? 0 : 1]++;
                }
                return c;
            });
            counts[0] += done[0];
            counts[1] += done[1];
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                unreadable(batch.get(0).number(), batchFailed, counts, problems);
                return;
            }
            for (Parsed p : batch) {
                write(list, List.of(p), counts, problems);
            }
        }
    }

    private boolean add(Tx tx, ForumList list, Parsed p) {
        if (tx.archive().contains(list.name(), p.post().messageId())) {
            return false;
        }
        Instant now = clock.instant();
        long arrival = tx.arrivals().addComposed(new Envelope(p.post().fromAddress(), list.postAddress(domain), "mbox"),
                p.raw(), now, "imported from an mbox");
        Post post = p.post().datedAt(now, () -> now);
        archive.add(tx, arrival, post, list, post.sentAt().orElseThrow()); // datedAt always dates it
        return true;
    }

    private static void unreadable(long number, Exception e, long[] counts, List<String> problems) {
        counts[2]++;
        problem(number, e, problems);
    }

    private static void problem(long number, Exception e, List<String> problems) {
        if (problems.size() < UNREADABLE_KEPT) {
            problems.add("message " + number + ": " + Store.rootMessage(e));
        }
    }
}
