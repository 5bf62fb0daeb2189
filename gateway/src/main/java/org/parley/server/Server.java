package org.parley.server;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.listener.MailSink;
import org.parley.mailbox.MailboxFetcher;
import org.parley.listener.SmtpListener;
import org.parley.relay.OutboundWorker;
import org.parley.relay.Watchdog;
import org.parley.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley serve}: the listener, the routing worker, the outbound workers, the web and
 * the admin channel, around one {@link Forum}, in one JVM; a node of a {@link Role} runs its
 * part of them.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Forum forum;
    private final Role role;
    private final RoutingWorker routing;
    private final IndexFollower follower;
    /** Present when the forum's mail is fetched from a hosted mailbox. */
    private final Optional<MailboxFetcher> mailbox;
    private final ChoresWorker chores;
    private final List<OutboundWorker> outbound = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** This node's name, the first part of its outbound workers' lease owners. */
    private final String node;
    private final Watchdog watchdog = new Watchdog(Duration.ofSeconds(1));
    private SmtpListener listener;
    private AdminChannel adminChannel;
    private WebApp web;
    private MetricsEndpoint metrics;
    private boolean closed;

    public Server(Forum forum) {
        this(forum, Role.ALL);
    }

    public Server(Forum forum, Role role) {
        this.forum = forum;
        this.role = role;
        this.routing = new RoutingWorker(forum.store(), forum.dispatcher(), forum.wakeUps()::outbox);
        this.node = Node.name(forum.settings().dataDir());
        String pid = String.valueOf(ProcessHandle.current().pid());
        this.chores = new ChoresWorker(forum, node + "/" + pid + "/chores");
        this.follower = new IndexFollower(forum.search(), forum.clock());
        this.mailbox = forum.settings().inbound().mailbox().enabled()
                ? Optional.of(new MailboxFetcher(forum.settings(), forum.inbox())) : Optional.empty();
        // Outbound workers share the outbox safely: each claims its own rows under a lease,
        // as NODE/PID/outN, so that this node's next process knows its leases at start.
        for (int i = 0; i < forum.settings().outbound().workers(); i++) {
            outbound.add(new OutboundWorker(forum.store(), forum.settings(), forum.personalisation(), watchdog, forum.clock(),
                    node + "/" + pid + "/out" + i, forum.meters(), this::wakeOutbound));
        }
        forum.wakeUps().onArrival(routing::wakeUp);
        forum.wakeUps().onOutbox(this::wakeOutbound);
    }

    /**
     * Wakes one outbound worker that waits, or every one if none does (one may be on its way to
     * wait). A worker whose claim leaves due rows wakes the next, so a fan-out still has them
     * all; a routed group's few rows wake one: woken all at once for each group, the others
     * claimed nothing, and a claim walks the outbox's index (8,500 claims for 24,000 rows in a
     * PostgreSQL bench run of posts to a list of two).
     */
    private void wakeOutbound() {
        for (OutboundWorker worker : outbound) {
            if (worker.asleep()) {
                worker.wakeUp();
                return;
            }
        }
        outbound.forEach(OutboundWorker::wakeUp);
    }

    /** Starts everything; the listener last, so mail is taken only when it can be handled. */
    public Server start(CommandRunner commands) throws IOException {
        // The store may be a server's, but the search index and the admin channel live here.
        try {
            Files.createDirectories(forum.settings().dataDir());
        } catch (IOException e) {
            throw new IOException("cannot create the data folder " + forum.settings().dataDir() + ": " + e
                    + " (set parley.data-dir to a folder this user may write)", e);
        }
        if (role.mail()) {
            startMail();
        }
        adminChannel = new AdminChannel(forum.settings().dataDir(), commands);
        if (role.web()) {
            PortInUse.requireFree(forum.settings().web().host(), forum.settings().web().port(), PortInUse.Door.WEB);
            threads.add(start("index-follower", follower));
            web = listen(forum.settings().web().port(), PortInUse.Door.WEB, () -> new WebApp(forum, new SecureRandom(),
                    () -> threads.stream().allMatch(Thread::isAlive))
                    .start(forum.settings().web().host(), forum.settings().web().port()));
        }
        var metricsPort = forum.settings().metrics().port();
        if (metricsPort.isPresent()) {
            metrics = listen(metricsPort.getAsInt(), PortInUse.Door.METRICS, () -> new MetricsEndpoint(forum)
                    .start(forum.settings().metrics().host(), metricsPort.getAsInt()));
        }
        LOG.info("parley serving domain={} role={} {}={} web={} relay={}:{} node={}", forum.settings().domain(),
                role.name().toLowerCase(Locale.ROOT), forum.settings().inbound().protocol().name().toLowerCase(Locale.ROOT),
                listener == null ? "none" : forum.settings().inbound().host() + ":" + listener.port(),
                web == null ? "none" : forum.settings().web().host() + ":" + web.port(),
                forum.settings().outbound().host(), forum.settings().outbound().port(), node);
        return this;
    }

    /** The workers and the listener, last, so mail is taken only when it can be handled. */
    private void startMail() throws IOException {
        int freed = forum.store().write(tx -> tx.outbox().releaseLeasesOfNode(node));
        if (freed > 0) {
            LOG.info("outbox rows taken back from this node's previous process node={} rows={}", node, freed);
        }
        threads.add(start("routing", routing));
        threads.add(start("chores", chores));
        for (int i = 0; i < outbound.size(); i++) {
            threads.add(start("outbound-" + i, outbound.get(i)));
        }
        mailbox.ifPresent(fetcher -> threads.add(start("imap", fetcher)));
        listener = listen(forum.settings().inbound().port(), PortInUse.Door.MAIL, () -> new SmtpListener(forum.settings(), new MailSink() {
            @Override
            public boolean accepts(String recipient) {
                return forum.dispatcher().accepts(recipient);
            }

            @Override
            public List<Long> accept(String mailFrom, List<String> recipients, String remoteHost, byte[] raw) {
                return forum.inbox().accept(mailFrom, recipients, remoteHost, raw);
            }
        }, Clock.systemUTC())); // a client's deadlines run on the wall clock, whatever the forum's says
    }

    /** Something that opens a port. */
    private interface Opening<T> {
        T open() throws IOException;
    }

    /** Opens a door, and says which port is taken if another program holds it. */
    private static <T> T listen(int port, PortInUse.Door door, Opening<T> opening) throws IOException {
        try {
            return opening.open();
        } catch (IOException | RuntimeException e) {
            if (PortInUse.causedBy(e)) {
                throw new PortInUse(door, port, e);
            }
            throw e;
        }
    }

    /** The web's port; -1 on a node that serves no web. */
    public int webPort() {
        return web == null ? -1 : web.port();
    }

    /** The mail listener's port; -1 on a node that takes no mail. */
    public int smtpPort() {
        return listener == null ? -1 : listener.port();
    }

    public Role role() {
        return role;
    }

    /** The metrics endpoint's port; -1 when it is off. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    public Forum forum() {
        return forum;
    }

    public Admin admin() {
        return new Admin(forum);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Gives back this node's leases once its workers have stopped (each after the copy it was
     * sending, its progress committed), so that other nodes take the rest at once, not when
     * the leases run out.
     */
    private void releaseLeases() {
        try {
            int[] freed = forum.store().write(tx -> new int[] {tx.outbox().releaseLeasesOfNode(node),
                    tx.leases().release(chores.owner())});
            LOG.info("leases given back node={} outbox-rows={} chores={}", node, freed[0], freed[1]);
        } catch (RuntimeException e) {
            LOG.warn("leases not given back node={} error={} (they run out by themselves)", node, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (adminChannel != null) {
            adminChannel.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (web != null) {
            web.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        routing.stop();
        chores.stop();
        follower.stop();
        mailbox.ifPresent(MailboxFetcher::halt);
        outbound.forEach(OutboundWorker::stop);
        boolean stopped = true;
        for (Thread t : threads) {
            try {
                t.join(10_000);
                stopped &= !t.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
        }
        if (role.mail() && stopped) {
            releaseLeases();
        }
        watchdog.close();
        forum.close();
        LOG.info("parley stopped");
    }
}
