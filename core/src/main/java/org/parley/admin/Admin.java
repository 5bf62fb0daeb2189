package org.parley.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.parley.Forum;
import org.parley.archive.ArchiveSearch;
import org.parley.archive.MboxExport;
import org.parley.archive.MboxImport;
import org.parley.archive.Readership;
import org.parley.config.Settings;
import org.parley.erasure.Erasure;
import org.parley.erasure.Forgetting;
import org.parley.model.ArchivedMessage;
import org.parley.model.Channel;
import org.parley.model.Delegation;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.HeldMessage;
import org.parley.model.ListAddress;
import org.parley.model.Invitation;
import org.parley.model.Member;
import org.parley.model.NonMemberAction;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Role;
import org.parley.model.Room;
import org.parley.moderation.Action;
import org.parley.search.SearchQuery;
import org.parley.statistics.Statistics;
import org.parley.store.Arrivals;
import org.parley.store.Bounces;
import org.parley.store.Migrations;
import org.parley.store.Store;
import org.parley.store.Tx;
import org.parley.welcome.AccessLinks;

/** What an administrator can do, whichever front end asks: the command line or the web. */
public final class Admin {
    private static final int PAGE = 500;

    private final Forum forum;

    public Admin(Forum forum) {
        this.forum = forum;
    }

    public List<ForumList> createRoom(String id, String title, List<String> languages) {
        return createRoom(id, title, languages, Map.of());
    }

    /** A room whose lists carry its title in their own language where one is given. */
    public List<ForumList> createRoom(String id, String title, List<String> languages, Map<String, String> titles) {
        Room room;
        try {
            room = new Room(id, title);
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage(), ExitCode.DATA);
        }
        for (String language : languages) {
            if (!forum.settings().languages().contains(language)) {
                throw new AdminException("language '" + language + "' is not one of the forum's "
                        + forum.settings().languages() + " (parley.languages)", ExitCode.DATA);
            }
        }
        boolean created = forum.store().write(tx -> tx.rooms().create(room, languages, titles, forum.clock().instant()));
        if (!created) {
            throw new AdminException("room '" + id + "' exists already", ExitCode.DATA);
        }
        return forum.store().read(tx -> languages.stream().map(l -> tx.rooms().list(room.listName(l)).orElseThrow())
                .toList());
    }

    /** Sets what a list's copies carry: empty, the whole post; else a summary with so many lines of the text. */
    public void setSummary(String list, Optional<Integer> lines) {
        if (!forum.store().write(tx -> tx.rooms().setSummary(list, lines))) {
            throw new AdminException("no list " + list + " (see 'parley room list')", ExitCode.DATA);
        }
    }

    /** Sets the days between a list's digests (empty: the forum's parley.digest.interval-days). */
    public void setDigestDays(String list, Optional<Integer> days) {
        if (!forum.store().write(tx -> tx.rooms().setDigestDays(list, days))) {
            throw new AdminException("no list " + list + " (see 'parley room list')", ExitCode.DATA);
        }
    }

    /** Sets how a list's copies meet their authors' DMARC policies (empty: parley.dmarc.action). */
    public void setDmarcAction(String list, Optional<Settings.DmarcAction> action) {
        if (!forum.store().write(tx -> tx.rooms().setDmarcAction(list, action.map(Enum::name)))) {
            throw new AdminException("no list " + list + " (see 'parley room list')", ExitCode.DATA);
        }
    }

    /** Sets a list's policy for non-members' posts (empty: the forum's default). */
    public void setNonMember(String list, Optional<NonMemberAction> action) {
        if (!forum.store().write(tx -> tx.rooms().setNonMember(list, action))) {
            throw new AdminException("no list " + list, ExitCode.DATA);
        }
    }

    public List<ForumList> lists() {
        return forum.store().read(tx -> tx.rooms().lists());
    }

    /**
     * Every address the forum takes mail for, without tokens (a site MTA with
     * {@code recipient_delimiter = +} finds {@code LIST-bounces+TOKEN} under {@code LIST-bounces}):
     * the postmaster, the forum's own bounce address, and each list's five addresses.
     */
    public List<String> addresses() {
        String domain = forum.settings().domain();
        List<String> out = new ArrayList<>(List.of("postmaster@" + domain,
                new ListAddress("parley", ListAddress.Kind.BOUNCES, "").format(domain)));
        for (ForumList list : lists()) {
            for (ListAddress.Kind kind : ListAddress.Kind.values()) {
                out.add(new ListAddress(list.name(), kind, "").format(domain));
            }
        }
        return out;
    }

    /** Adds a member and, if asked, mails them a welcome with a link to set their password. */
    public Member addMember(String email, String name, String delegation, String language, Role role,
                            boolean trusted, boolean welcome) {
        return addMember(email, name, delegation, language, role, trusted, Set.of(), welcome);
    }

    /** As above, for a moderator of some languages only ({@code moderates} empty: all). */
    public Member addMember(String email, String name, String delegation, String language, Role role,
                            boolean trusted, Set<String> moderates, boolean welcome) {
        Member member;
        try {
            member = new Member(0, email, name, delegation, language, role, trusted, moderates);
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage(), ExitCode.DATA);
        }
        requireForumLanguages(member.moderatedLanguages());
        try {
            Delegation.check(member.delegation(), member.role());
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage(), ExitCode.DATA);
        }
        if (!forum.settings().languages().contains(member.language())) {
            throw new AdminException("language '" + language + "' is not one of the forum's "
                    + forum.settings().languages(), ExitCode.DATA);
        }
        Member added = forum.store().write(tx -> {
            Member m = tx.members().add(member, forum.clock().instant()).orElseThrow(() -> new AdminException(
                    "a member with address " + member.email() + " exists already", ExitCode.DATA));
            if (welcome) {
                forum.accessLinks().send(tx, m, AccessLinks.Purpose.SET_PASSWORD);
            }
            return m;
        });
        if (welcome) {
            forum.wakeUps().outbox();
        }
        return added;
    }

    /** Arrivals whose routing failed, oldest first. */
    public List<Arrivals.Failed> failedArrivals(int limit) {
        return forum.store().read(tx -> tx.arrivals().failed(0, limit));
    }

    /** Routes failed arrivals again (one, or all), once their cause is fixed; returns how many. */
    public int retryArrivals(Optional<Long> id) {
        int count = forum.store().write(tx -> tx.arrivals().retry(id));
        if (id.isPresent() && count == 0) {
            throw new AdminException("no failed arrival " + id.get() + " (see 'parley arrivals failed')", ExitCode.DATA);
        }
        forum.wakeUps().arrival();
        return count;
    }

    /** Mails a member the welcome: where to write, a link to set their password, the protocol. */
    public void welcome(String email) {
        forum.store().run(tx -> forum.accessLinks().send(tx, tx.members().find(email).orElseThrow(() ->
                new AdminException("no member " + email, ExitCode.DATA)), AccessLinks.Purpose.SET_PASSWORD));
        forum.wakeUps().outbox();
    }

    /** Changes a member's role, moderated languages, trust or focal point; what is empty stays as it is. */
    public Member updateMember(String email, Optional<Role> role, Optional<Set<String>> moderates,
                               Optional<Boolean> trusted, Optional<Boolean> focalPoint) {
        moderates.ifPresent(this::requireForumLanguages);
        return forum.store().write(tx -> {
            Member member = tx.members().find(email)
                    .orElseThrow(() -> new AdminException("no member " + email, ExitCode.DATA));
            if (focalPoint.orElse(false) && Delegation.kind(member.delegation()) != Delegation.Kind.MEMBER_STATE) {
                throw new AdminException("a focal point speaks for a Member State: " + member.email()
                        + " has delegation '" + member.delegation() + "'; set one with parley member import first",
                        ExitCode.DATA);
            }
            tx.members().update(member.id(), role, moderates, trusted, focalPoint);
            return tx.members().find(member.id()).orElseThrow();
        });
    }

    private void requireForumLanguages(Set<String> languages) {
        for (String language : languages) {
            if (!forum.settings().languages().contains(language)) {
                throw new AdminException("language '" + language + "' is not one of the forum's "
                        + forum.settings().languages(), ExitCode.DATA);
            }
        }
    }

    /** Adds or updates members from a CSV file; see {@link MemberImport}. */
    public MemberImport.Report importMembers(Reader csv, boolean dryRun, Consumer<String> say,
                                             Consumer<String> progress) {
        try {
            MemberImport.Report report = new MemberImport(forum).run(csv, dryRun, say, progress);
            forum.wakeUps().outbox();
            return report;
        } catch (IOException e) {
            throw new AdminException("cannot read the file: " + e.getMessage(), ExitCode.DATA);
        }
    }

    /** Schedules a discussion; one whose start has come opens at once. Returns its id. */
    public long openDiscussion(String room, Map<String, Discussion.Text> texts, Instant start,
                               Optional<Instant> end, String by) {
        long id;
        try {
            id = forum.store().write(tx -> forum.discussions().schedule(tx, room, texts, start,
                    end.orElse(start.plus(forum.discussions().defaultLength())), by));
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage(), ExitCode.DATA);
        }
        if (forum.keepDiscussionsOnTime() > 0) {
            forum.wakeUps().outbox();
        }
        return id;
    }

    /** The forum's clock, for commands that default to now. */
    /**
     * Searches the archive as a member would (their lists, a guest their discussion), or with
     * no member given as the administrator, who reads every list.
     */
    public ArchiveSearch.Results search(String words, Optional<String> list, Optional<String> as, int page) {
        Readership reader = forum.store().read(tx -> {
            if (as.isEmpty()) {
                return new Readership(tx.rooms().lists(), Optional.empty());
            }
            Member member = tx.members().find(as.get().strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new AdminException("no member " + as.get() + " (see 'parley member list')", ExitCode.DATA));
            return Readership.of(tx, member).orElse(new Readership(List.of(), Optional.empty()));
        });
        if (list.isPresent() && !reader.sees(list.get())) {
            throw new AdminException("no list " + list.get() + " that " + as.orElse("the administrator")
                    + " may read (see 'parley room list')", ExitCode.DATA);
        }
        List<SearchQuery.Scope> scope = ArchiveSearch.scope(reader, Optional.empty()).stream()
                .filter(s -> list.map(s.list()::equals).orElse(true)).toList();
        SearchQuery query = new SearchQuery(words, scope, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, page, 20);
        return new ArchiveSearch(forum.store(), forum.search()).search(reader, query);
    }

    /**
     * Erases a post on request: every archived copy of the Message-ID (or only the one in
     * list), and its translations when asked. Brackets around the Message-ID are optional.
     */
    /** Forgets a member (see {@link Forgetting}): their name and address replaced, their posts erased or kept. */
    /** A member's deliverability: each list with its bounce score and state, and the last bounce of their mail. */
    public record Deliverability(Member member, List<Bounces.State> lists, Optional<Bounces.Last> lastBounce) {
    }

    public Deliverability deliverability(String email) {
        String address = address(email);
        return forum.store().read(tx -> {
            Member member = known(tx, address);
            return new Deliverability(member, tx.bounces().states(member.id()), tx.bounces().last(member.email()));
        });
    }

    /** Turns on again the delivery that bounces stopped; false if it was not stopped. */
    public boolean enableDelivery(String email, String list, String actor) {
        String address = address(email);
        boolean enabled = forum.store().write(tx -> {
            Member member = known(tx, address);
            if (tx.members().subscription(member.id(), list).isEmpty()) {
                throw new AdminException(address + " is not on " + list + " (parley member show " + address
                        + " lists their lists)", ExitCode.DATA);
            }
            return forum.bounceScoring().enable(tx, member, list, actor, Channel.CLI);
        });
        forum.wakeUps().outbox();
        return enabled;
    }

    private static String address(String email) {
        try {
            return Member.normalise(email);
        } catch (IllegalArgumentException e) {
            throw new AdminException(e.getMessage(), ExitCode.USAGE);
        }
    }

    private static Member known(Tx tx, String address) {
        return tx.members().find(address).orElseThrow(() -> new AdminException("no member " + address
                + " (parley member list shows the members)", ExitCode.DATA));
    }

    public Forgetting.Forgotten forget(String email, boolean erasePosts, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new AdminException("forgetting a member needs its reason: --reason \"...\" (it goes into the audit log)",
                    ExitCode.USAGE);
        }
        String address = address(email);
        Outcome<Forgetting.Forgotten> outcome = forum.store().write(tx -> {
            Member member = known(tx, address);
            return forum.forgetting().forget(tx, member, new Forgetting.Request(actor, Channel.CLI, reason.strip(),
                    erasePosts));
        });
        forum.wakeUps().outbox();
        if (outcome instanceof Refusal<Forgetting.Forgotten> refused) {
            throw new AdminException(address + ": " + forum.templates().phrase(refused.why(), List.of("en"), Map.of()),
                    ExitCode.DATA);
        }
        return ((Outcome.Applied<Forgetting.Forgotten>) outcome).value();
    }

    public Erasure.Erased erase(String messageId, Optional<String> list, String reason, boolean translations, String actor) {
        String id = messageId.strip();
        String bracketed = id.startsWith("<") ? id : "<" + id + ">";
        List<ArchivedMessage> found = forum.store().read(tx -> tx.archive().withMessageId(bracketed)).stream()
                .filter(m -> list.map(m.list()::equals).orElse(true)).toList();
        if (found.isEmpty()) {
            throw new AdminException("no archived post " + bracketed + list.map(l -> " in " + l).orElse("")
                    + " (the Message-ID is on the message page, and in 'parley search --json')", ExitCode.DATA);
        }
        if (reason == null || reason.isBlank()) {
            throw new AdminException("an erasure needs its reason: --reason \"...\" (it goes into the audit log)",
                    ExitCode.USAGE);
        }
        List<ArchivedMessage> messages = new ArrayList<>();
        int stopped = 0;
        int cleared = 0;
        for (ArchivedMessage m : found) {
            Outcome<Erasure.Erased> outcome = forum.erasure().erase(m,
                    new Erasure.Request(actor, Channel.CLI, reason.strip(), translations));
            if (outcome instanceof Outcome.Applied<Erasure.Erased> applied) {
                messages.addAll(applied.value().messages());
                stopped += applied.value().mailingsStopped();
                cleared += applied.value().arrivalsCleared();
            }
        }
        if (messages.isEmpty()) {
            throw new AdminException(bracketed + " was erased already", ExitCode.DATA);
        }
        return new Erasure.Erased(messages, stopped, cleared);
    }

    /**
     * Backs the store up into an empty or new folder, while the forum runs; returns the size
     * in bytes. The search index is not copied: it is rebuilt from the store when a restored
     * forum first searches.
     */
    public long backup(Path folder) {
        try {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) {
                    throw new AdminException("the backup folder " + folder + " is a file: name a new or empty folder",
                            ExitCode.USAGE);
                }
                try (Stream<Path> inside = Files.list(folder)) {
                    if (inside.findAny().isPresent()) {
                        throw new AdminException("the backup folder " + folder + " is not empty: name a new or empty one",
                                ExitCode.USAGE);
                    }
                }
            }
            Files.createDirectories(folder);
            forum.store().backup(folder);
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        } catch (IOException e) {
            throw new AdminException("cannot write the backup to " + folder + ": " + e.getMessage(), ExitCode.DATA);
        }
    }

    /** Participation in [from, to). */
    public Statistics.Report statistics(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new AdminException("the period ends before it starts: --to must be after --from", ExitCode.USAGE);
        }
        return new Statistics(forum.store()).report(from, to);
    }

    /** Imports a list's history from an mbox; progress gets the count of messages read. */
    public MboxImport.Report importMbox(String list, InputStream mbox, LongConsumer progress) {
        ForumList target = forum.store().read(tx -> tx.rooms().list(list)).orElseThrow(() ->
                new AdminException("no list " + list + " (see 'parley room list')", ExitCode.DATA));
        try {
            return forum.mboxImport().run(target, mbox, progress);
        } catch (IOException e) {
            throw new AdminException("the mbox could not be read: " + e.getMessage(), ExitCode.DATA);
        }
    }

    /** Writes a list's posts, optionally those sent within [from, to), as an mbox; returns how many. */
    public long exportMbox(String list, Optional<Instant> from, Optional<Instant> to, OutputStream out) {
        if (forum.store().read(tx -> tx.rooms().list(list)).isEmpty()) {
            throw new AdminException("no list " + list + " (see 'parley room list')", ExitCode.DATA);
        }
        return new MboxExport(forum.store()).list(list, from, to, out);
    }

    /** Rebuilds the search index from the archive; progress gets the count done and the total. */
    public long reindex(BiConsumer<Long, Long> progress) {
        long total = forum.store().read(tx -> tx.archive().count());
        return forum.search().reindex(done -> progress.accept(done, total));
    }

    /** The versioned schema of this forum's database. */
    public Migrations schema() {
        return Store.migrations(forum.settings());
    }

    public Instant now() {
        return forum.clock().instant();
    }

    public List<Discussion> discussions(Optional<String> room) {
        return forum.store().read(tx -> tx.discussions().list(room, 500));
    }

    /** Closes a discussion now; its guests' access ends. */
    public void closeDiscussion(long id, String by) {
        if (forum.store().read(tx -> tx.discussions().find(id)).isEmpty()) {
            throw new AdminException("no discussion " + id, ExitCode.DATA);
        }
        if (!forum.store().write(tx -> forum.discussions().close(tx, id, by))) {
            throw new AdminException("discussion " + id + " is closed already", ExitCode.DATA);
        }
    }

    /** Ends a guest's access before their discussion closes. */
    public void revokeGuest(String email) {
        int ended = forum.store().write(tx -> {
            Member guest = tx.members().find(email)
                    .orElseThrow(() -> new AdminException("no member " + email, ExitCode.DATA));
            return tx.discussions().endInvitations(Optional.empty(), Optional.of(guest.id()),
                    Invitation.State.REVOKED, forum.clock().instant());
        });
        if (ended == 0) {
            throw new AdminException(email + " has no active invitation", ExitCode.DATA);
        }
    }

    /** Subscribes a member to lists, each to be delivered every post. */
    public void subscribe(String email, List<String> lists) {
        forum.store().run(tx -> {
            Member member = tx.members().find(email)
                    .orElseThrow(() -> new AdminException("no member " + email, ExitCode.DATA));
            for (String list : lists) {
                if (tx.rooms().list(list).isEmpty()) {
                    throw new AdminException("no list " + list, ExitCode.DATA);
                }
                tx.members().subscribe(member.id(), list, Delivery.EACH, forum.clock().instant());
            }
        });
    }

    /** Every member, or a list's, read a page at a time and handed on as read. */
    public void members(Optional<String> list, Consumer<Member> each) {
        list.ifPresent(this::requireList);
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<Member> page = forum.store().read(tx -> tx.members().page(list, from, PAGE));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    public List<HeldMessage> held(Optional<String> list) {
        list.ifPresent(this::requireList);
        List<HeldMessage> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            List<HeldMessage> page = forum.store().read(tx -> tx.held().pending(list, from, PAGE));
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    public Outcome<HeldMessage> decide(long heldId, Action action, String reason, String actor) {
        return decide(heldId, action, reason, actor, false);
    }

    /** With {@code allLanguages}, an approved post goes to every language list of its room. */
    public Outcome<HeldMessage> decide(long heldId, Action action, String reason, String actor, boolean allLanguages) {
        return forum.decide(heldId, action, actor, Channel.CLI, reason == null ? "" : reason, allLanguages);
    }

    /** Takes a message as an MTA pipe hands it over. */
    public List<Long> inject(String recipient, byte[] raw) {
        if (raw.length == 0) {
            throw new AdminException("the message is empty", ExitCode.DATA);
        }
        if (raw.length > forum.settings().inbound().maxMessageBytes()) {
            throw new AdminException("the message is larger than parley.inbound.max-message-bytes ("
                    + forum.settings().inbound().maxMessageBytes() + ")", ExitCode.DATA);
        }
        if (!forum.dispatcher().accepts(recipient)) {
            throw new AdminException("no such list address: " + recipient, ExitCode.DATA);
        }
        return forum.inbox().accept("", List.of(recipient), "inject", raw);
    }

    private void requireList(String list) {
        if (forum.store().read(tx -> tx.rooms().list(list)).isEmpty()) {
            throw new AdminException("no list " + list, ExitCode.DATA);
        }
    }
}
