package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Message;
import org.parley.Forum;
import org.parley.archive.MboxExport;
import org.parley.archive.ThreadTree;
import org.parley.erasure.Erasure;
import org.parley.inbound.MimeParts;
import org.parley.inbound.PostParser;
import org.parley.inbound.TextDecoding;
import org.parley.model.ArchivedMessage;
import org.parley.model.Attachment;
import org.parley.model.Channel;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Request;
import org.parley.model.ThreadSummary;
import org.parley.model.Version;
import org.parley.translation.TranslationRequest;
import org.parley.translation.Translations;

/**
 * Home, a list's threads, a thread, a message and its parts. Each page is one read that
 * returns the page's record, bounded to a page of rows; the templates write the HTML.
 */
final class ArchivePages {
    static final int PAGE = 30;
    private static final int MAX_PART = 50 * 1024 * 1024;

    /** A room in one language on the home page, with its counts and latest threads. */
    record Room(ForumList list, long threads, long messages, List<ThreadSummary> recent) {
    }

    /** A member's home: their lists. */
    record HomePage(List<Room> rooms) {
    }

    /** A guest's home: the threads of their discussion. */
    record GuestHomePage(List<ThreadSummary> threads) {
    }

    /** A month of a list, with how many threads it holds. */
    record Month(String month, long count) {
    }

    /** A thread in a list's table, with the state of its discussion if it is one. */
    record ThreadRow(ThreadSummary thread, Optional<String> state) {
    }

    /** A page of a list's threads, newest first. */
    record ListPage(ForumList list, List<Month> months, List<ThreadRow> threads, Optional<String> month, int page,
                    long pages, Optional<String> done, DiscussionPages.ListForms forms) {
        String pageLink(int to) {
            return "/lists/" + list.name() + "?" + month.map(m -> "month=" + m + "&").orElse("") + "page=" + to;
        }
    }

    /** The same thread in another language of the room. */
    record Sister(String language, String list, long thread) {
    }

    /** A message in a thread: its depth in the tree, its text, its versions the reader may see, its files. */
    record Entry(ArchivedMessage message, int depth, List<MailText.Block> body, List<Version> alsoIn,
                 List<Attachment> files) {
        String author() {
            return ArchivePages.author(message);
        }
    }

    /** A thread, whole, with its neighbours in the list. */
    record ThreadPage(ThreadSummary thread, List<Sister> sisters, boolean closed, boolean guest,
                      Optional<ThreadSummary> newer, Optional<ThreadSummary> older, List<Entry> messages, int part,
                      int parts) {
        /** The address of another part of the thread. */
        String partLink(int n) {
            return "/lists/" + thread.list() + "/threads/" + thread.id() + "?part=" + n;
        }
    }

    /** Messages on one page of a thread; a longer thread comes in parts, each read and drawn alone. */
    static final int THREAD_PART = 100;

    /** One message: its HTML made safe, or else its text; and the languages a translator may still add. */
    record MessagePage(ArchivedMessage message, ThreadSummary thread, List<Version> alsoIn, Optional<String> html,
                       List<MailText.Block> text, List<Attachment> files, Optional<String> done, List<String> missing,
                       boolean erasable, boolean askable) {
        String author() {
            return ArchivePages.author(message);
        }
    }

    private final Forum forum;
    private final Views views;
    private final DiscussionPages discussions;

    ArchivePages(Forum forum, Views views, DiscussionPages discussions) {
        this.forum = forum;
        this.views = views;
        this.discussions = discussions;
    }

    /** The list if the viewer may read it; 404 otherwise, whether it exists or not. */
    private static ForumList list(Viewer v, String name) {
        return v.lists().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(NotFoundResponse::new);
    }

    /** A guest reads only their discussion's threads; anything else does not exist for them. */
    private static void requireThread(Viewer v, long threadId) {
        if (!v.readsThread(threadId)) {
            throw new NotFoundResponse();
        }
    }

    static String author(ArchivedMessage m) {
        return m.senderName().isEmpty() ? m.sender() : m.senderName();
    }

    static String permalink(ArchivedMessage m) {
        return "/lists/" + m.list() + "/messages/" + m.hash();
    }

    void home(Context ctx, Viewer v) {
        String lang = v.language();
        if (v.guest()) {
            List<ThreadSummary> threads = forum.store().read(tx -> v.onlyThreads().orElseThrow().stream()
                    .map(id -> tx.archive().thread(id)).flatMap(Optional::stream).toList());
            views.show(ctx, "guestHome", views.frame(ctx, v, views.t(lang, "guest.home")), new GuestHomePage(threads));
            return;
        }
        List<String> names = v.lists().stream().map(ForumList::name).toList();
        List<Room> rooms = forum.store().read(tx -> {
            Map<String, long[]> counts = tx.archive().counts(names);
            List<Room> out = new ArrayList<>();
            for (ForumList list : v.lists()) {
                long[] c = counts.getOrDefault(list.name(), new long[] {0, 0});
                out.add(new Room(list, c[0], c[1], tx.archive().threads(list.name(), Optional.empty(), 0, 5)));
            }
            return out;
        });
        views.show(ctx, "home", views.frame(ctx, v, views.t(lang, "home.title")), new HomePage(rooms));
    }

    void list(Context ctx, Viewer v) {
        if (v.guest()) {
            throw new NotFoundResponse();
        }
        ForumList list = list(v, ctx.pathParam("list"));
        Optional<String> month = Optional.ofNullable(ctx.queryParam("month")).filter(m -> m.matches("\\d{4}-\\d{2}"));
        int page = Math.max(1, parseInt(ctx.queryParam("page"), 1));
        Optional<String> done = Optional.ofNullable(ctx.queryParam("done"));
        ListPage read = forum.store().read(tx -> {
            List<ThreadSummary> threads = tx.archive().threads(list.name(), month, (page - 1) * PAGE, PAGE);
            long total = tx.archive().threadCount(list.name(), month);
            List<Month> months = tx.archive().months(list.name()).stream()
                    .map(m -> new Month((String) m[0], ((Number) m[1]).longValue())).toList();
            Map<Long, Discussion.State> states = tx.discussions().threadStates(threads.stream().map(ThreadSummary::id).toList());
            List<ThreadRow> rows = threads.stream().map(th -> new ThreadRow(th, Optional.ofNullable(states.get(th.id()))
                    .map(s -> s.name().toLowerCase(Locale.ROOT)))).toList();
            return new ListPage(list, months, rows, month, page, Math.max(1, (total + PAGE - 1) / PAGE), done,
                    discussions.forms(tx, v, list));
        });
        views.show(ctx, "list", views.frame(ctx, v, list.name()), read);
    }

    void thread(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        long id = parseLong(ctx.pathParam("thread"));
        requireThread(v, id);
        ThreadPage read = forum.store().read(tx -> {
            ThreadSummary thread = tx.archive().thread(id).filter(th -> th.list().equals(list.name()))
                    .orElseThrow(NotFoundResponse::new);
            // The tree from the messages' headers alone; bodies, files and versions for the part shown only.
            List<ThreadTree.Node> tree = ThreadTree.build(tx.archive().messagesOf(id));
            int parts = Math.max(1, (tree.size() + THREAD_PART - 1) / THREAD_PART);
            String at = Optional.ofNullable(ctx.queryParam("at")).orElse("");
            int index = at.isEmpty() ? -1
                    : tree.stream().map(n -> n.message().hash()).toList().indexOf(at);
            int part = index >= 0 ? index / THREAD_PART + 1
                    : Math.max(1, Math.min(parts, parseInt(ctx.queryParam("part"), 1)));
            List<ThreadTree.Node> shown = tree.subList((part - 1) * THREAD_PART, Math.min(tree.size(), part * THREAD_PART));
            List<Long> ids = shown.stream().map(n -> n.message().id()).toList();
            Map<Long, String> bodies = tx.archive().bodiesOf(ids);
            Map<Long, List<Attachment>> files = tx.archive().attachments(ids).stream()
                    .collect(Collectors.groupingBy(Attachment::messageId));
            Map<Long, List<Version>> versions = tx.versions().ofAll(ids);
            Map<String, String> languages = v.lists().stream().collect(Collectors.toMap(ForumList::name, ForumList::language));
            List<Sister> sisters = tx.versions().sisterThreads(id).entrySet().stream()
                    .filter(e -> languages.containsKey(e.getKey()))
                    .map(e -> new Sister(languages.get(e.getKey()), e.getKey(), e.getValue())).toList();
            boolean closed = tx.discussions().threadStates(List.of(id)).get(id) == Discussion.State.CLOSED;
            List<Entry> entries = shown.stream().map(node -> new Entry(node.message(), node.depth(),
                    MailText.blocks(bodies.getOrDefault(node.message().id(), "")),
                    alsoIn(v, node.message(), versions.getOrDefault(node.message().id(), List.of())),
                    files.getOrDefault(node.message().id(), List.of()))).toList();
            return new ThreadPage(thread, sisters, closed, v.guest(), tx.archive().neighbour(thread, false),
                    tx.archive().neighbour(thread, true), entries, part, parts);
        });
        views.show(ctx, "thread", views.frame(ctx, v, read.thread().subject()), read);
    }

    /** "Also in: Français · Español": the other language versions of a post that the viewer may read. */
    private static List<Version> alsoIn(Viewer v, ArchivedMessage m, List<Version> versions) {
        return versions.stream().filter(x -> x.messageId() != m.id() && v.sees(x.list())).toList();
    }

    void message(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        String hash = ctx.pathParam("hash");
        Optional<String> done = Optional.ofNullable(ctx.queryParam("done"));
        MessagePage read = forum.store().read(tx -> {
            ArchivedMessage m = tx.archive().byHash(list.name(), hash).filter(x -> v.readsThread(x.threadId()))
                    .orElseThrow(NotFoundResponse::new);
            ThreadSummary thread = tx.archive().thread(m.threadId()).orElseThrow(NotFoundResponse::new);
            List<Version> versions = tx.versions().of(m.id());
            byte[] raw = tx.arrivals().raw(m.arrivalId()).orElse(new byte[0]);
            Optional<String> html = Optional.empty();
            String text;
            try {
                Message parsed = PostParser.parseMessage(new ByteArrayInputStream(raw));
                try {
                    html = safeHtml(m, MimeParts.leaves(parsed));
                    text = PostParser.firstText(parsed);
                } finally {
                    parsed.dispose();
                }
            } catch (IOException | MimeException | RuntimeException e) {
                text = tx.archive().bodyText(m.id()).orElse("");
            }
            List<String> missing = List.of();
            if (v.member().role().translates() && m.erased().isEmpty()) {
                List<String> have = versions.stream().map(Version::language).toList();
                missing = tx.rooms().listsOf(list.roomId()).stream().map(ForumList::language)
                        .filter(l -> !l.equals(list.language()) && !have.contains(l)).toList();
            }
            return new MessagePage(m, thread, alsoIn(v, m, versions), html, MailText.blocks(text),
                    tx.archive().attachments(List.of(m.id())), done, missing, erasable(v, list, m),
                    askable(v, list, m));
        });
        views.show(ctx, "message", views.frame(ctx, v, read.message().subject()), read);
    }

    /** The first HTML part, sanitised, with images only from this message's own parts. */
    private static Optional<String> safeHtml(ArchivedMessage m, List<MimeParts.Part> parts) throws IOException {
        Optional<MimeParts.Part> html = parts.stream()
                .filter(p -> p.contentType().equals("text/html") && !p.attachment()).findFirst();
        if (html.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> cids = new HashMap<>();
        for (MimeParts.Part p : parts) {
            if (!p.contentId().isEmpty()) {
                cids.put(p.contentId().substring(1, p.contentId().length() - 1),
                        permalink(m) + "/parts/" + p.index() + "?inline=1");
            }
        }
        String text = TextDecoding.decode(html.get().bytes(MAX_PART), html.get().entity().getCharset()).text();
        return Optional.of(MailHtml.sanitise(text, cids));
    }

    /** A translation posted on the web: sent to the target list like one that came by mail. */
    void translate(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        String lang = v.language();
        if (!v.member().role().translates() || v.guest()) {
            throw new NotFoundResponse();
        }
        ArchivedMessage m = forum.store().read(tx -> tx.archive().byHash(list.name(), ctx.pathParam("hash")))
                .orElseThrow(NotFoundResponse::new);
        String subject = Optional.ofNullable(ctx.formParam("subject")).orElse("").strip();
        TranslationRequest request = new TranslationRequest(Optional.ofNullable(ctx.formParam("language"))
                .filter(forum.settings().languages()::contains), lang,
                subject.isEmpty() ? Optional.empty() : Optional.of(subject.replaceAll("[\r\n]+", " ")),
                Optional.ofNullable(ctx.formParam("text")).orElse("").replace("\r\n", "\n").strip());
        Outcome<Translations.Sent> outcome = forum.store().write(tx -> forum.translations().translate(tx, m, list, request,
                v.member()));
        forum.wakeUps().outbox();
        if (outcome instanceof Outcome.Applied<Translations.Sent> sent && v.sees(sent.value().list().name())) {
            ctx.redirect(permalink(sent.value().translation()));
            return;
        }
        String message = outcome instanceof Refusal<Translations.Sent> refused
                ? views.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"),
                        refused.values()))
                : views.t(lang, "translate.sent");
        ctx.redirect(permalink(m) + "?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    /** A thread as an mbox download, for a mail client or another archive. */
    void threadMbox(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        long id = parseLong(ctx.pathParam("thread"));
        requireThread(v, id);
        forum.store().read(tx -> tx.archive().thread(id)).filter(t -> t.list().equals(list.name()))
                .orElseThrow(NotFoundResponse::new);
        mbox(ctx, list.name() + "-thread-" + id + ".mbox");
        new MboxExport(forum.store()).thread(id, ctx.outputStream());
    }

    /** A month of a list as an mbox download; a guest, who reads one discussion only, has none. */
    void monthMbox(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        String month = Optional.ofNullable(ctx.queryParam("month")).filter(m -> m.matches("\\d{4}-(0[1-9]|1[0-2])"))
                .orElseThrow(NotFoundResponse::new);
        if (v.guest()) {
            throw new NotFoundResponse();
        }
        Instant from = YearMonth.parse(month).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        mbox(ctx, list.name() + "-" + month + ".mbox");
        new MboxExport(forum.store()).list(list.name(), Optional.of(from), Optional.of(to), ctx.outputStream());
    }

    private static void mbox(Context ctx, String filename) {
        ctx.contentType("application/mbox");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    /** Whether this reader may erase this post: a moderator of its language, not a guest, not erased yet. */
    private static boolean erasable(Viewer v, ForumList list, ArchivedMessage m) {
        return !v.guest() && v.member().moderates(list.language()) && m.erased().isEmpty();
    }

    /** Its author (not a moderator of it, who erases it) may ask the moderators to erase a post. */
    private static boolean askable(Viewer v, ForumList list, ArchivedMessage m) {
        return !v.guest() && !erasable(v, list, m) && m.erased().isEmpty() && m.sender().equalsIgnoreCase(v.member().email());
    }

    /** The author of a post asks the moderators to erase it: a request like a join, decided the same way. */
    void askErasure(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        ArchivedMessage m = forum.store().read(tx -> tx.archive().byHash(list.name(), ctx.pathParam("hash")))
                .filter(x -> askable(v, list, x)).orElseThrow(NotFoundResponse::new);
        Member me = v.member();
        String why = Optional.ofNullable(ctx.formParam("why")).orElse("").strip();
        forum.store().run(tx -> forum.requests().submit(tx, new Request(0, Request.Kind.ERASURE, list.name(), me.email(),
                me.name(), v.language(), m.subject(), why, "", "", "", 0, Request.State.PENDING, forum.clock().instant(),
                "", m.id(), false), list));
        forum.wakeUps().outbox();
        ctx.redirect(permalink(m) + "?done=" + URLEncoder.encode(views.t(v.language(), "request.sent"),
                StandardCharsets.UTF_8));
    }

    /** A moderator erases a post on request: the content goes, a tombstone stays, the audit log says why. */
    void erase(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        ArchivedMessage m = forum.store().read(tx -> tx.archive().byHash(list.name(), ctx.pathParam("hash")))
                .filter(x -> erasable(v, list, x)).orElseThrow(NotFoundResponse::new);
        String lang = v.language();
        Outcome<Erasure.Erased> outcome = forum.erasure().erase(m, new Erasure.Request(v.member().email(), Channel.WEB,
                Optional.ofNullable(ctx.formParam("reason")).orElse("").strip(), ctx.formParam("translations") != null));
        String message = outcome instanceof Refusal<Erasure.Erased> refused
                ? views.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"),
                        refused.values()))
                : views.t(lang, "erase.done");
        ctx.redirect(permalink(m) + "?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    /** A part of a message, as a download; images of the message may be shown inline. */
    void part(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        ArchivedMessage m = forum.store().read(tx -> tx.archive().byHash(list.name(), ctx.pathParam("hash")))
                .filter(x -> v.readsThread(x.threadId())).orElseThrow(NotFoundResponse::new);
        int index = parseInt(ctx.pathParam("part"), -1);
        byte[] raw = forum.store().read(tx -> tx.arrivals().raw(m.arrivalId())).orElseThrow(NotFoundResponse::new);
        try {
            Message parsed = PostParser.parseMessage(new ByteArrayInputStream(raw));
            try {
                MimeParts.Part part = MimeParts.part(parsed, index).orElseThrow(NotFoundResponse::new);
                byte[] bytes = part.bytes(MAX_PART);
                boolean image = List.of("image/png", "image/jpeg", "image/gif", "image/webp").contains(part.contentType());
                boolean inline = image && "1".equals(ctx.queryParam("inline"));
                String name = part.filename().isEmpty() ? "part-" + index : part.filename();
                ctx.header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\""
                        + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
                ctx.contentType(inline ? part.contentType() : "application/octet-stream");
                ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
                ctx.result(bytes);
            } finally {
                parsed.dispose();
            }
        } catch (IOException | MimeException e) {
            throw new NotFoundResponse();
        }
    }

    static int parseInt(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFoundResponse();
        }
    }
}
