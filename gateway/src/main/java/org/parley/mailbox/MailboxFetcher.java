package org.parley.mailbox;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.parley.config.Settings;
import org.parley.inbound.Inbox;
import org.parley.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the forum's mail from a hosted mailbox over IMAP ({@code parley.inbound.imap.*}): each
 * message is stored in the inbox first, keyed by the folder's UIDVALIDITY and its UID, and
 * only then moved to the done folder (or deleted), so a crash between the two never loses a
 * message and never takes one twice. Between looks it waits with IDLE where the server has
 * it, and looks again at least every poll interval.
 */
public final class MailboxFetcher extends Worker {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxFetcher.class);
    private static final int BATCH = 100;

    private final Settings.Mailbox config;
    private final String domain;
    private final Inbox inbox;
    private final String source;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imap-timer");
        t.setDaemon(true);
        return t;
    });
    private IMAPStore store;
    private IMAPFolder folder;
    private long lastFailureLogged;

    public MailboxFetcher(Settings settings, Inbox inbox) {
        this.config = settings.inbound().mailbox();
        this.domain = settings.domain().toLowerCase(Locale.ROOT);
        this.inbox = inbox;
        this.source = "imap:" + config.user() + "@" + config.host() + "/" + config.folder();
    }

    @Override
    public int runOnce() {
        try {
            IMAPFolder open = open();
            int taken = fetch(open);
            if (taken == 0) {
                waitForMail(open);
            }
            return taken;
        } catch (MessagingException | IOException | RuntimeException e) {
            disconnect();
            // A mailbox that is down is said once a minute, not at every retry.
            if (System.currentTimeMillis() - lastFailureLogged > 60_000) {
                LOG.warn("mailbox not reachable source={} error={} (check parley.inbound.imap.host, port, security,"
                        + " user and password)", source, e.toString());
                lastFailureLogged = System.currentTimeMillis();
            }
            pause();
            return 0;
        }
    }

    private IMAPFolder open() throws MessagingException {
        if (folder != null && folder.isOpen()) {
            return folder;
        }
        Properties props = new Properties();
        String protocol = config.security() == Settings.MailboxSecurity.IMAPS ? "imaps" : "imap";
        props.setProperty("mail." + protocol + ".connectiontimeout", "20000");
        props.setProperty("mail." + protocol + ".timeout", "120000");
        props.setProperty("mail." + protocol + ".peek", "true");
        if (config.security() == Settings.MailboxSecurity.STARTTLS) {
            props.setProperty("mail.imap.starttls.enable", "true");
            props.setProperty("mail.imap.starttls.required", "true");
        }
        if (!config.sslTrust().isEmpty()) {
            // A certificate trusted by name of host is taken as it is, whatever names it carries.
            props.setProperty("mail." + protocol + ".ssl.trust", config.sslTrust());
            props.setProperty("mail." + protocol + ".ssl.checkserveridentity", "false");
        } else if (config.security() != Settings.MailboxSecurity.NONE) {
            props.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        store = (IMAPStore) Session.getInstance(props).getStore(protocol);
        store.connect(config.host(), config.port(), config.user(), config.password());
        IMAPFolder opened = (IMAPFolder) store.getFolder(config.folder());
        opened.open(Folder.READ_WRITE);
        if (!config.doneFolder().isEmpty()) {
            Folder done = store.getFolder(config.doneFolder());
            if (!done.exists() && !done.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create the folder " + config.doneFolder()
                        + " (parley.inbound.imap.done-folder)");
            }
        }
        folder = opened;
        LOG.info("mailbox open source={} messages={} idle={}", source, opened.getMessageCount(),
                config.idle() && store.hasCapability("IDLE"));
        return opened;
    }

    /** Stores, then moves or deletes, up to a batch of the folder's messages; returns how many. */
    private int fetch(IMAPFolder open) throws MessagingException, IOException {
        Message[] waiting = open.search(new FlagTerm(new Flags(Flags.Flag.DELETED), false));
        if (waiting.length == 0) {
            return 0;
        }
        long validity = open.getUIDValidity();
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < Math.min(BATCH, waiting.length) && running(); i++) {
            Message m = waiting[i];
            long uid = open.getUID(m);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
            m.writeTo(raw);
            List<String> recipients = recipients(m);
            var ids = inbox.acceptOnce(source, validity + ":" + uid, sender(m), recipients, "imap:" + config.host(),
                    raw.toByteArray());
            LOG.info("fetched source={} uid={} rcpt={} arrival={}", source, uid, recipients,
                    ids.map(Object::toString).orElse("taken before"));
            done.add(m);
        }
        // Stored is committed: only now does the message leave the folder.
        Message[] finished = done.toArray(new Message[0]);
        if (!config.doneFolder().isEmpty()) {
            open.moveMessages(finished, store.getFolder(config.doneFolder()));
        } else {
            open.setFlags(finished, new Flags(Flags.Flag.DELETED), true);
            open.expunge(finished);
        }
        return finished.length;
    }

    /** The forum addresses the message was delivered for, as the mailbox's server recorded them. */
    private List<String> recipients(Message m) throws MessagingException {
        Set<String> out = new LinkedHashSet<>();
        for (String header : new String[] {"Delivered-To", "X-Original-To", "Envelope-To"}) {
            String[] values = m.getHeader(header);
            if (values != null) {
                for (String v : values) {
                    addIfForum(out, v);
                }
            }
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
        }
        for (Message.RecipientType type : new Message.RecipientType[] {Message.RecipientType.TO, Message.RecipientType.CC}) {
            Address[] addresses;
            try {
                addresses = m.getRecipients(type);
            } catch (MessagingException unreadable) {
                addresses = null;
            }
            if (addresses != null) {
                for (Address a : addresses) {
                    if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                        addIfForum(out, ia.getAddress());
                    }
                }
            }
        }
        // Nothing for the forum: the postmaster sees it, rather than it vanishing.
        return out.isEmpty() ? List.of("postmaster@" + domain) : List.copyOf(out);
    }

    private void addIfForum(Set<String> out, String value) {
        String address = value.strip().replaceAll("^<|>$", "").toLowerCase(Locale.ROOT);
        if (address.endsWith("@" + domain)) {
            out.add(address);
        }
    }

    /** The envelope sender as the mailbox's server kept it (Return-Path), else the author. */
    private static String sender(Message m) throws MessagingException {
        String[] returnPath = m.getHeader("Return-Path");
        if (returnPath != null && returnPath.length > 0) {
            return returnPath[0].strip().replaceAll("^<|>$", "");
        }
        try {
            Address[] from = m.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia && ia.getAddress() != null) {
                return ia.getAddress();
            }
        } catch (MessagingException unreadable) {
            // an unreadable From: the null sender, as for a bounce
        }
        return "";
    }

    /** Waits for new mail: IDLE until the server says something or the poll interval ends. */
    private void waitForMail(IMAPFolder open) throws MessagingException {
        if (!config.idle() || !store.hasCapability("IDLE")) {
            sleep(config.poll().toMillis());
            return;
        }
        // Any use of the folder from another thread ends the IDLE: the timer does so at the interval.
        ScheduledFuture<?> wake = timer.schedule(this::interruptIdle, config.poll().toMillis(), TimeUnit.MILLISECONDS);
        try {
            open.idle(true);
        } finally {
            wake.cancel(false);
        }
    }

    private void interruptIdle() {
        IMAPFolder f = folder;
        if (f != null && f.isOpen()) {
            try {
                f.getMessageCount();
            } catch (MessagingException e) {
                // the connection is going anyway; the next round reconnects
            }
        }
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (running() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(250, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pause() {
        sleep(Math.min(30_000, config.poll().toMillis()));
    }

    /** Ends a wait in IDLE, so that a stop is not held up by the mailbox. */
    public void halt() {
        stop();
        timer.execute(this::interruptIdle);
    }

    private void disconnect() {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | IllegalStateException e) {
            // closing a broken connection
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            // closing a broken connection
        }
        folder = null;
        store = null;
    }

    @Override
    protected void idle() {
        if (!running()) {
            disconnect();
            timer.shutdownNow();
        }
    }
}
