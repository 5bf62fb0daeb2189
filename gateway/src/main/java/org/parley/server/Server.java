package org.parley.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.listener.MailSink;
import org.parley.listener.SmtpListener;
import org.parley.relay.OutboundWorker;
import org.parley.relay.Watchdog;
import org.parley.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley serve}: the listener, the routing worker, the outbound workers and the admin
 * channel, around one {@link Forum}, in one JVM.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Forum forum;
    private final RoutingWorker routing;
    private final ChoresWorker chores;
    private final List<OutboundWorker> outbound = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** This node's name, the first part of its outbound workers' lease owners. */
    private final String node;
    private final Watchdog watchdog = new Watchdog(Duration.ofSeconds(1));
    private SmtpListener listener;
    private AdminChannel adminChannel;
    private WebApp web;

    public Server(Forum forum) {
        this.forum = forum;
        this.routing = new RoutingWorker(forum.store(), forum.dispatcher(), forum.wakeUps()::outbox);
        this.chores = new ChoresWorker(forum);
        this.node = Node.name(forum.settings().dataDir());
        String pid = String.valueOf(ProcessHandle.current().pid());
        // Outbound workers share the outbox safely: each claims its own rows under a lease,
        // as NODE/PID/outN, so that this node's next process knows its leases at start.
        for (int i = 0; i < forum.settings().outbound().workers(); i++) {
            outbound.add(new OutboundWorker(forum.store(), forum.settings(), forum.personalisation(), watchdog, forum.clock(),
                    node + "/" + pid + "/out" + i));
        }
        forum.wakeUps().onArrival(routing::wakeUp);
        forum.wakeUps().onOutbox(() -> outbound.forEach(OutboundWorker::wakeUp));
    }

    /** Starts everything; the listener last, so mail is taken only when it can be handled. */
    public Server start(CommandRunner commands) throws IOException {
        int freed = forum.store().write(tx -> tx.outbox().releaseLeasesOfNode(node));
        if (freed > 0) {
            LOG.info("outbox rows taken back from this node's previous process node={} rows={}", node, freed);
        }
        threads.add(start("routing", routing));
        threads.add(start("chores", chores));
        for (int i = 0; i < outbound.size(); i++) {
            threads.add(start("outbound-" + i, outbound.get(i)));
        }
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
        adminChannel = new AdminChannel(forum.settings().dataDir(), commands);
        PortInUse.requireFree(forum.settings().web().host(), forum.settings().web().port(), PortInUse.Door.WEB);
        web = listen(forum.settings().web().port(), PortInUse.Door.WEB, () -> new WebApp(forum, new SecureRandom(),
                () -> threads.stream().allMatch(Thread::isAlive))
                .start(forum.settings().web().host(), forum.settings().web().port()));
        LOG.info("parley serving domain={} {}={}:{} web={}:{} relay={}:{}", forum.settings().domain(),
                forum.settings().inbound().protocol().name().toLowerCase(Locale.ROOT),
                forum.settings().inbound().host(), listener.port(), forum.settings().web().host(), web.port(),
                forum.settings().outbound().host(), forum.settings().outbound().port());
        return this;
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

    public int webPort() {
        return web.port();
    }

    public int smtpPort() {
        return listener.port();
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

    @Override
    public void close() {
        if (adminChannel != null) {
            adminChannel.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (web != null) {
            web.close();
        }
        routing.stop();
        chores.stop();
        outbound.forEach(OutboundWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchdog.close();
        forum.close();
        LOG.info("parley stopped");
    }
}
