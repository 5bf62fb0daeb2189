package org.parley.store;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One unit of work against the store. The repositories it hands out all share its
 * transaction, so a decision and everything it causes commit together or not at all.
 */
public final class Tx {
    private final EntityManager em;
    private final int sliceSize;
    private final boolean skipLocked;
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** The lists whose rows this transaction holds (see {@link ArchiveRows#holdList}): held until it ends. */
    private final Set<String> listsHeld = new HashSet<>();
    private final PostCounts postsArchived = new PostCounts();
    private final CurrentRosters currentRosters = new CurrentRosters();

    Tx(EntityManager em, int sliceSize, boolean skipLocked) {
        this.em = em;
        this.sliceSize = sliceSize;
        this.skipLocked = skipLocked;
    }

    /**
     * Work that must follow this transaction's commit and never a rollback, such as
     * updating the search index: it runs once the commit is through, and not at all otherwise.
     */
    public void afterCommit(Runnable work) {
        afterCommit.add(work);
    }

    /**
     * Writes what this transaction did so far and lets go of every row it read or wrote,
     * so that work done in a loop (several arrivals routed in one transaction) costs the
     * same for the last item as for the first: EclipseLink compares every row it holds at
     * each flush. Rows read before this call must not be changed after it; the
     * repositories hand out values, never rows.
     */
    public void letGoOfRows() {
        em.flush();
        em.clear();
    }

    /** What this transaction leaves to its end: the day's post counts, each row written once. */
    void beforeCommit() {
        postsArchived.write(em);
    }

    List<Runnable> committed() {
        return afterCommit;
    }

    public Traces traces() {
        return new Traces(em);
    }

    public Aggregates aggregates() {
        return new Aggregates(em);
    }

    public Rooms rooms() {
        return new Rooms(em);
    }

    public Members members() {
        return new Members(em, currentRosters);
    }

    public Arrivals arrivals() {
        return new Arrivals(em, skipLocked);
    }

    public HeldMessages held() {
        return new HeldMessages(em);
    }

    public AuditLog audit() {
        return new AuditLog(em);
    }

    public ArchiveRows archive() {
        // A database that skips locked rows is one that nodes share.
        return new ArchiveRows(em, skipLocked, listsHeld, postsArchived);
    }

    public Outbox outbox() {
        return new Outbox(em, sliceSize, skipLocked, currentRosters);
    }

    public Leases leases() {
        return new Leases(em);
    }

    public Access access() {
        return new Access(em);
    }

    public Versions versions() {
        return new Versions(em);
    }

    public Requests requests() {
        return new Requests(em);
    }

    public Discussions discussions() {
        return new Discussions(em);
    }

    public Digests digests() {
        return new Digests(em);
    }

    public Bounces bounces() {
        return new Bounces(em, currentRosters);
    }
}
