package org.parley;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.archive.Archive;
import org.parley.archive.MboxImport;
import org.parley.bounces.BounceScoring;
import org.parley.config.ConfigException;
import org.parley.config.Settings;
import org.parley.discussion.DiscussionDesk;
import org.parley.dkim.DkimKey;
import org.parley.dkim.DkimSigner;
import org.parley.dmarc.DmarcPolicies;
import org.parley.distribution.Answers;
import org.parley.distribution.DigestComposer;
import org.parley.distribution.DigestWriter;
import org.parley.distribution.Distributor;
import org.parley.distribution.DmarcMitigation;
import org.parley.distribution.ListCopy;
import org.parley.distribution.Outgoing;
import org.parley.distribution.Personalisation;
import org.parley.delegation.FocalPoints;
import org.parley.erasure.Erasure;
import org.parley.erasure.Forgetting;
import org.parley.inbound.Inbox;
import org.parley.inbound.PostParser;
import org.parley.model.Channel;
import org.parley.model.HeldMessage;
import org.parley.model.Outcome;
import org.parley.model.Tokens;
import org.parley.moderation.Action;
import org.parley.moderation.HoldQueue;
import org.parley.notices.NoticeWriter;
import org.parley.notices.Protocol;
import org.parley.notices.Templates;
import org.parley.requests.RequestDesk;
import org.parley.routing.BounceHandler;
import org.parley.routing.Dispatcher;
import org.parley.routing.Handlers;
import org.parley.routing.OwnerHandler;
import org.parley.routing.PostHandler;
import org.parley.routing.PostmasterHandler;
import org.parley.routing.ReplyHandler;
import org.parley.routing.RequestHandler;
import org.parley.rules.Chain;
import org.parley.search.SearchIndex;
import org.parley.store.Store;
import org.parley.translation.TranslationReply;
import org.parley.translation.Translations;
import org.parley.welcome.AccessLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one installation: the store and every service, wired by hand.
 * The gateway and the web application each start from one of these.
 */
public final class Forum implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forum.class);

    private final Settings settings;
    private final Store store;
    private final Clock clock;
    private final Tokens tokens;
    private final Erasure erasure;
    private final MboxImport mboxImport;
    private final Templates templates;
    private final HoldQueue holdQueue;
    private final Dispatcher dispatcher;
    private final Personalisation personalisation;
    private final BounceScoring bounceScoring;
    private final AccessLinks accessLinks;
    private final Translations translations;
    private final Protocol protocol;
    private final DiscussionDesk discussions;
    private final RequestDesk requests;
    private final DigestWriter digests;
    private final SearchIndex search;
    private final FocalPoints focalPoints;
    private final Forgetting forgetting;
    private final WakeUps wakeUps = new WakeUps();

    /** Signals between the parts of one process: new arrivals, new outbox rows. */
    public static final class WakeUps {
        private volatile Runnable arrivals = () -> { };
        private volatile Runnable outbox = () -> { };

        public void onArrival(Runnable r) {
            arrivals = r;
        }

        public void onOutbox(Runnable r) {
            outbox = r;
        }

        public void arrival() {
            arrivals.run();
        }

        public void outbox() {
            outbox.run();
        }
    }

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();

    public Forum(Settings settings, Store store, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.tokens = new Tokens(settings.secret());
        this.templates = new Templates();
        PostParser parser = new PostParser(settings.domain());
        NoticeWriter noticeWriter = new NoticeWriter(settings.domain(), clock, random);
        Outgoing outgoing = new Outgoing(noticeWriter, clock,
                settings.moderation().autoRepliesPerDay());
        this.search = new SearchIndex(settings.dataDir().resolve("search"), store, clock);
        Archive archive = new Archive(clock, search);
        this.mboxImport = new MboxImport(store, archive, parser, settings.domain(), clock);
        Settings.Reputation reputation = settings.reputation();
        Distributor distributor = new Distributor(archive,
                new ListCopy(settings.domain(), settings.web().baseUrl(), settings.defaultLanguage(), templates),
                new DmarcMitigation(reputation.dmarcRewrite(), reputation.dmarcAction(),
                        policies(reputation, clock)), clock);
        this.holdQueue = new HoldQueue(settings, tokens, templates, outgoing, distributor, parser, clock);
        Answers answers = new Answers(settings, templates, outgoing);
        this.translations = new Translations(settings, distributor, parser, clock);
        this.protocol = new Protocol(settings.protocolVersion());
        this.accessLinks = new AccessLinks(settings, templates, protocol, outgoing, clock, random);
        this.discussions = new DiscussionDesk(settings, distributor, parser, clock);
        this.focalPoints = new FocalPoints(settings, templates, outgoing, clock);
        this.bounceScoring = new BounceScoring(settings, tokens, templates, outgoing, focalPoints, clock);
        this.erasure = new Erasure(store, search, clock);
        this.forgetting = new Forgetting(erasure, search, clock);
        this.requests = new RequestDesk(settings, tokens, templates, outgoing, accessLinks, discussions, focalPoints,
                erasure, forgetting, clock);
        this.digests = new DigestWriter(settings,
                new DigestComposer(settings.domain(), settings.web().baseUrl(), templates, clock, random), clock);
        TranslationReply translationReply = new TranslationReply(settings, translations, answers);
        ReplyHandler replies = new ReplyHandler(settings, tokens, holdQueue, templates, answers, translationReply,
                requests, clock);
        Handlers handlers = new Handlers(
                new PostHandler(settings, Chain.standard(), holdQueue, distributor, translationReply),
                new RequestHandler(settings, answers, tokens, requests, focalPoints, clock),
                new OwnerHandler(outgoing, settings.domain()),
                replies,
                new BounceHandler(settings, tokens, focalPoints, bounceScoring, outgoing, templates, clock),
                new PostmasterHandler(outgoing, settings.domain()));
        this.dispatcher = new Dispatcher(store, settings, parser, handlers, meters, clock);
        this.personalisation = new Personalisation(settings.domain(), settings.web().baseUrl(), tokens,
                signer(settings, clock), settings.reputation().linkSigning(), settings.reputation().oneClickProviders(), clock);
    }

    private static DmarcPolicies policies(Settings.Reputation reputation, Clock clock) {
        try {
            return DmarcPolicies.using(reputation.dnsResolver(), reputation.dnsTimeout(), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The forum's DKIM keys, read once: a selector without its key stops the start, named. */
    private static DkimSigner signer(Settings settings, Clock clock) {
        List<DkimKey> keys = new ArrayList<>();
        for (String selector : settings.reputation().dkimSelectors()) {
            try {
                keys.add(DkimKey.load(settings.dataDir(), selector));
            } catch (IOException e) {
                throw new ConfigException("parley.dkim.selectors: " + e.getMessage());
            }
        }
        return new DkimSigner(settings.domain(), keys, clock);
    }

    public Settings settings() {
        return settings;
    }

    public Store store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Templates templates() {
        return templates;
    }

    public HoldQueue holdQueue() {
        return holdQueue;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Personalisation personalisation() {
        return personalisation;
    }

    public AccessLinks accessLinks() {
        return accessLinks;
    }

    public Translations translations() {
        return translations;
    }

    public Protocol protocol() {
        return protocol;
    }

    public DiscussionDesk discussions() {
        return discussions;
    }

    public RequestDesk requests() {
        return requests;
    }

    public FocalPoints focalPoints() {
        return focalPoints;
    }

    public BounceScoring bounceScoring() {
        return bounceScoring;
    }

    public Forgetting forgetting() {
        return forgetting;
    }

    /**
     * A moderator's decision on a held post, from the web or the CLI, in a transaction of its
     * own; the outbox is woken for what it sends. An approval for every language takes each
     * list's row in turn, as routing does in its own order: the side that loses a deadlock is
     * tried again.
     */
    public Outcome<HeldMessage> decide(long heldId, Action action, String actor, Channel channel, String reason,
                                       boolean allLanguages) {
        Outcome<HeldMessage> outcome = store.writeRetrying(tx -> holdQueue.decide(tx, heldId, action, actor, channel,
                reason, allLanguages));
        wakeUps.outbox();
        return outcome;
    }

    /**
     * Opens the discussions that are due and closes those that ended; returns how many it
     * moved. Opening posts to every list of the room, each list's row taken in turn as an
     * approval for every language does, so a transaction that loses a deadlock to routing is
     * tried again.
     */
    public int keepDiscussionsOnTime() {
        return store.writeRetrying(discussions::keepTime);
    }

    /**
     * Work that becomes due with time rather than with mail: discussions open and close on
     * their dates, posts waiting too long are brought to the chief moderators, digests go
     * out, members whose delivery bounces stopped are warned again (or leave), the content of
     * mailings fully sent is dropped, and the roster of a list whose subscriptions changed is
     * stored before its next post needs it. Each in its own transaction; returns how many
     * things it did that send mail.
     */
    public int chores() {
        int done = keepDiscussionsOnTime();
        done += store.write(holdQueue::escalate);
        done += store.write(digests::sendDue);
        done += store.write(requests::passOnUnanswered);
        done += store.write(bounceScoring::sendDue);
        store.write(tx -> tx.outbox().clearSent(clock.instant()));
        for (String list : store.read(tx -> tx.outbox().listsWithStaleRoster())) {
            int readers = store.write(tx -> tx.outbox().prepareRoster(list, clock.instant()));
            LOG.info("roster stored ahead list={} readers={}", list, readers);
        }
        return done;
    }

    /**
     * The forum's counters and timers (arrivals by outcome, deliveries, page times); a server
     * adds the registry that publishes them, such as Prometheus's, to this one.
     */
    public CompositeMeterRegistry meters() {
        return meters;
    }

    public WakeUps wakeUps() {
        return wakeUps;
    }

    /** The way in for every source of mail. */
    public Inbox inbox() {
        return new Inbox(store, clock, wakeUps::arrival);
    }

    @Override
    public void close() {
        search.close();
        store.close();
    }

    /** A list's history brought in from an mbox. */
    public MboxImport mboxImport() {
        return mboxImport;
    }

    /** The removal of posts on request. */
    public Erasure erasure() {
        return erasure;
    }

    /** The archive's full-text index. */
    public SearchIndex search() {
        return search;
    }
}
