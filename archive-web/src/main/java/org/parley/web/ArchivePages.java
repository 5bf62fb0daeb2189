package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.james.mime4j.dom.Message;
import org.parley.Forum;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.Attachment;
import org.parley.archive.ThreadSummary;
import org.parley.archive.ThreadTree;
import org.parley.archive.Version;
import org.parley.discussion.Discussion;
import org.parley.forum.ForumList;
import org.parley.inbound.MimeParts;
import org.parley.inbound.PostParser;
import org.parley.inbound.TextDecoding;
import org.parley.notices.Vocabulary;
import org.parley.translation.TranslationRequest;
import org.parley.translation.Translations;

/** Home, a list's threads, a thread, a message and its parts. Every page reads a bounded page of rows. */
final class ArchivePages {
    static final int PAGE = 30;
    private static final int MAX_PART = 50 * 1024 * 1024;

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;

    private final DiscussionPages discussions;

    ArchivePages(Forum forum, Auth auth, I18n i18n, DiscussionPages discussions) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
        this.discussions = discussions;
    }

    private String date(Viewer v, Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(v.language())).withZone(v.zone()).format(at);
    }

    private void page(Context ctx, Viewer v, String title, String body) {
        ctx.html(Page.render(i18n, v.language(), title, v, auth.csrf(ctx), body));
    }

    /** The list if the viewer may read it; 404 otherwise, whether it exists or not. */
    private ForumList list(Viewer v, String name) {
        return v.lists().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(NotFoundResponse::new);
    }

    void home(Context ctx, Viewer v) {
        String lang = v.language();
        if (v.guest()) {
            guestHome(ctx, v);
            return;
        }
        List<String> names = v.lists().stream().map(ForumList::name).toList();
        Map<String, long[]> counts = forum.store().read(tx -> tx.archive().counts(names));
        StringBuilder body = new StringBuilder("<h1>" + Html.esc(i18n.t(lang, "home.title")) + "</h1><div class=\"rooms\">");
        for (ForumList list : v.lists()) {
            long[] c = counts.getOrDefault(list.name(), new long[] {0, 0});
            List<ThreadSummary> recent = forum.store().read(tx -> tx.archive().threads(list.name(), Optional.empty(), 0, 5));
            body.append("<section class=\"room\"><h2><a href=\"/lists/").append(Html.esc(list.name())).append("\">")
                    .append(Html.esc(list.roomTitle())).append("</a> <span class=\"muted\">")
                    .append(Html.esc(list.language())).append("</span></h2><p class=\"muted\">")
                    .append(Html.esc(i18n.t(lang, "home.threads", c[0], c[1]))).append("</p>");
            if (recent.isEmpty()) {
                body.append("<p class=\"muted\">").append(Html.esc(i18n.t(lang, "home.none"))).append("</p>");
            } else {
                body.append("<ul>");
                for (ThreadSummary t : recent) {
                    body.append("<li>").append(threadLink(t)).append(" <span class=\"muted\">")
                            .append(Html.esc(date(v, t.lastAt()))).append("</span></li>");
                }
                body.append("</ul>");
            }
            body.append("</section>");
        }
        page(ctx, v, i18n.t(lang, "home.title"), body.append("</div>").toString());
    }

    /** A guest's home: the threads of their discussion, in the languages of its room. */
    private void guestHome(Context ctx, Viewer v) {
        String lang = v.language();
        List<ThreadSummary> threads = forum.store().read(tx -> v.onlyThreads().orElseThrow().stream()
                .map(id -> tx.archive().thread(id)).flatMap(Optional::stream).toList());
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(i18n.t(lang, "guest.home"))).append("</h1><ul id=\"threads\">");
        for (ThreadSummary t : threads) {
            body.append("<li lang=\"").append(Html.esc(t.list().substring(t.list().lastIndexOf('-') + 1))).append("\">")
                    .append(threadLink(t)).append(" <span class=\"muted\">").append(Html.esc(t.list())).append(" · ")
                    .append(Html.esc(date(v, t.lastAt()))).append("</span></li>");
        }
        page(ctx, v, i18n.t(lang, "guest.home"), body.append("</ul>").toString());
    }

    /** A guest reads only their discussion's threads; anything else does not exist for them. */
    private static void requireThread(Viewer v, long threadId) {
        if (!v.readsThread(threadId)) {
            throw new NotFoundResponse();
        }
    }

    private static String threadLink(ThreadSummary t) {
        return "<a href=\"/lists/" + Html.esc(t.list()) + "/threads/" + t.id() + "\" dir=\"auto\">"
                + Html.esc(subjectOf(t.subject())) + "</a>";
    }

    private static String subjectOf(String subject) {
        return subject.isBlank() ? "(no subject)" : subject;
    }

    void list(Context ctx, Viewer v) {
        if (v.guest()) {
            throw new NotFoundResponse();
        }
        ForumList list = list(v, ctx.pathParam("list"));
        String lang = v.language();
        Optional<String> month = Optional.ofNullable(ctx.queryParam("month")).filter(m -> m.matches("\\d{4}-\\d{2}"));
        int page = Math.max(1, parseInt(ctx.queryParam("page"), 1));
        var data = forum.store().read(tx -> new Object[] {
                tx.archive().threads(list.name(), month, (page - 1) * PAGE, PAGE),
                tx.archive().threadCount(list.name(), month),
                tx.archive().months(list.name())});
        @SuppressWarnings("unchecked") List<ThreadSummary> threads = (List<ThreadSummary>) data[0];
        long total = (Long) data[1];
        @SuppressWarnings("unchecked") List<Object[]> months = (List<Object[]>) data[2];
        long pages = Math.max(1, (total + PAGE - 1) / PAGE);
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(list.roomTitle())).append(" <span class=\"muted\">")
                .append(Html.esc(list.name())).append("</span></h1><p class=\"months\">")
                .append(Html.esc(i18n.t(lang, "list.months"))).append(": <a href=\"/lists/").append(Html.esc(list.name()))
                .append("\">").append(Html.esc(i18n.t(lang, "list.all"))).append("</a>");
        for (Object[] m : months) {
            body.append("<a href=\"/lists/").append(Html.esc(list.name())).append("?month=").append(Html.esc((String) m[0]))
                    .append("\">").append(Html.esc((String) m[0])).append(" (").append(m[1]).append(")</a>");
        }
        body.append("</p><table id=\"threads\"><thead><tr><th>").append(Html.esc(i18n.t(lang, "list.subject")))
                .append("</th><th>").append(Html.esc(i18n.t(lang, "list.starter"))).append("</th><th>")
                .append(Html.esc(i18n.t(lang, "list.replies"))).append("</th><th>")
                .append(Html.esc(i18n.t(lang, "list.participants"))).append("</th><th>")
                .append(Html.esc(i18n.t(lang, "list.last"))).append("</th></tr></thead><tbody>");
        Map<Long, Discussion.State> states = forum.store().read(tx -> tx.discussions().threadStates(
                threads.stream().map(ThreadSummary::id).toList()));
        for (ThreadSummary t : threads) {
            Discussion.State state = states.get(t.id());
            body.append("<tr><td>").append(threadLink(t)).append(state == null ? "" : " <span class=\"discussion "
                            + state.name().toLowerCase(Locale.ROOT) + "\">" + Html.esc(i18n.t(lang, "discussions.state."
                            + state.name().toLowerCase(Locale.ROOT))) + "</span>").append("</td><td>").append(Html.bidi(t.starterName().isEmpty()
                            ? t.starter() : t.starterName()))
                    .append(t.starterDelegation().isEmpty() ? "" : " <span class=\"muted\">(" + Html.esc(t.starterDelegation()) + ")</span>")
                    .append("</td><td>").append(t.replies()).append("</td><td>").append(t.participants())
                    .append("</td><td>").append(Html.esc(date(v, t.lastAt()))).append("</td></tr>");
        }
        body.append("</tbody></table><p class=\"pager\">");
        String base = "/lists/" + Html.esc(list.name()) + "?" + month.map(m -> "month=" + m + "&amp;").orElse("") + "page=";
        if (page > 1) {
            body.append("<a rel=\"prev\" href=\"").append(base).append(page - 1).append("\">")
                    .append(Html.esc(i18n.t(lang, "list.newer"))).append("</a>");
        }
        body.append("<span class=\"muted\">").append(Html.esc(i18n.t(lang, "list.page", page, pages))).append("</span>");
        if (page < pages) {
            body.append("<a rel=\"next\" href=\"").append(base).append(page + 1).append("\">")
                    .append(Html.esc(i18n.t(lang, "list.older"))).append("</a>");
        }
        Optional.ofNullable(ctx.queryParam("done")).ifPresent(d -> body.append("</p><p class=\"notice\" id=\"message\">")
                .append(Html.esc(d)));
        body.append("</p>").append(discussions.forms(v, list, auth.csrf(ctx)));
        page(ctx, v, list.name(), body.toString());
    }

    void thread(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        long id = parseLong(ctx.pathParam("thread"));
        String lang = v.language();
        requireThread(v, id);
        ThreadSummary thread = forum.store().read(tx -> tx.archive().thread(id)).filter(t -> t.list().equals(list.name()))
                .orElseThrow(NotFoundResponse::new);
        var data = forum.store().read(tx -> new Object[] {
                tx.archive().messagesOf(id), tx.archive().bodiesOf(id),
                tx.archive().neighbour(thread, false), tx.archive().neighbour(thread, true)});
        @SuppressWarnings("unchecked") List<ArchivedMessage> messages = (List<ArchivedMessage>) data[0];
        @SuppressWarnings("unchecked") Map<Long, String> bodies = (Map<Long, String>) data[1];
        @SuppressWarnings("unchecked") Optional<ThreadSummary> newer = (Optional<ThreadSummary>) data[2];
        @SuppressWarnings("unchecked") Optional<ThreadSummary> older = (Optional<ThreadSummary>) data[3];
        List<Long> ids = messages.stream().map(ArchivedMessage::id).toList();
        Map<Long, List<Attachment>> files = forum.store().read(tx -> tx.archive().attachments(ids)).stream()
                .collect(Collectors.groupingBy(Attachment::messageId));
        Map<Long, List<Version>> versions = forum.store().read(tx -> tx.versions().ofAll(ids));
        Map<String, Long> sisters = forum.store().read(tx -> tx.versions().sisterThreads(id));
        StringBuilder body = new StringBuilder("<h1 dir=\"auto\">").append(Html.esc(subjectOf(thread.subject()))).append("</h1>");
        body.append(sisterThreads(v, lang, sisters));
        if (forum.store().read(tx -> tx.discussions().threadStates(List.of(id))).get(id) == Discussion.State.CLOSED) {
            body.append("<p class=\"notice\" id=\"closed\">").append(Html.esc(i18n.t(lang, "discussions.closedBanner")))
                    .append("</p>");
        }
        String around = v.guest() ? "" : neighbours(lang, newer, older);
        body.append(around);
        for (ThreadTree.Node node : ThreadTree.build(messages)) {
            ArchivedMessage m = node.message();
            // The summary folds the message; links stay out of it, since a control inside a
            // control is neither reachable by keyboard nor announced by screen readers.
            body.append("<details open class=\"message depth-").append(Math.min(node.depth(), 5)).append("\" id=\"m-")
                    .append(Html.esc(m.hash())).append("\"><summary><strong>").append(Html.bidi(author(m))).append("</strong>")
                    .append(m.senderDelegation().isEmpty() ? "" : " <span class=\"muted\">(" + Html.esc(m.senderDelegation()) + ")</span>")
                    .append(" · <span class=\"muted\">").append(Html.esc(date(v, m.sentAt()))).append("</span>")
                    .append("</summary><div class=\"body\"><p class=\"links\"><a href=\"")
                    .append(permalink(m)).append("\">").append(Html.esc(i18n.t(lang, "thread.permalink")))
                    .append("</a>").append(alsoIn(v, lang, m, versions.getOrDefault(m.id(), List.of()))).append("</p>")
                    .append(Html.textBody(bodies.getOrDefault(m.id(), ""), i18n.t(lang, "thread.quoted"),
                            i18n.t(lang, "thread.signature")))
                    .append(attachmentList(lang, m, files.getOrDefault(m.id(), List.of()))).append("</div></details>");
        }
        body.append(around);
        page(ctx, v, thread.subject(), body.toString());
    }

    /** "Also in: Français · Español": the other language versions of a post that the viewer may read. */
    private String alsoIn(Viewer v, String lang, ArchivedMessage m, List<Version> versions) {
        List<Version> others = versions.stream().filter(x -> x.messageId() != m.id() && v.sees(x.list())).toList();
        if (others.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" <span class=\"also-in\">").append(Html.esc(i18n.t(lang, "message.alsoIn")))
                .append(": ");
        for (int i = 0; i < others.size(); i++) {
            Version x = others.get(i);
            out.append(i > 0 ? " · " : "").append("<a class=\"version\" hreflang=\"").append(Html.esc(x.language()))
                    .append("\" lang=\"").append(Html.esc(x.language())).append("\" href=\"/lists/").append(Html.esc(x.list()))
                    .append("/messages/").append(Html.esc(x.hash())).append("\">").append(Html.esc(Vocabulary.autonym(x.language())))
                    .append("</a>");
        }
        return out.append("</span>").toString();
    }

    /** The threads in the room's other languages that hold versions of this thread's posts. */
    private String sisterThreads(Viewer v, String lang, Map<String, Long> sisters) {
        Map<String, String> languages = v.lists().stream().collect(Collectors.toMap(ForumList::name, ForumList::language));
        StringBuilder out = new StringBuilder();
        for (var e : sisters.entrySet()) {
            if (languages.containsKey(e.getKey())) {
                String language = languages.get(e.getKey());
                out.append(out.length() > 0 ? " · " : "").append("<a class=\"sister\" hreflang=\"").append(Html.esc(language))
                        .append("\" lang=\"").append(Html.esc(language)).append("\" href=\"/lists/")
                        .append(Html.esc(e.getKey())).append("/threads/").append(e.getValue()).append("\">")
                        .append(Html.esc(Vocabulary.autonym(language))).append("</a>");
            }
        }
        return out.length() == 0 ? "" : "<p class=\"sisters\" id=\"sisters\">"
                + Html.esc(i18n.t(lang, "thread.alsoIn")) + ": " + out + "</p>";
    }

    private String neighbours(String lang, Optional<ThreadSummary> newer, Optional<ThreadSummary> older) {
        return "<nav class=\"neighbours\"><span>" + newer.map(t -> "<a rel=\"prev\" href=\"/lists/" + Html.esc(t.list())
                + "/threads/" + t.id() + "\">← " + Html.esc(i18n.t(lang, "thread.previous")) + "</a>").orElse("")
                + "</span><span>" + older.map(t -> "<a rel=\"next\" href=\"/lists/" + Html.esc(t.list()) + "/threads/"
                + t.id() + "\">" + Html.esc(i18n.t(lang, "thread.next")) + " →</a>").orElse("") + "</span></nav>";
    }

    private static String author(ArchivedMessage m) {
        return m.senderName().isEmpty() ? m.sender() : m.senderName();
    }

    static String permalink(ArchivedMessage m) {
        return "/lists/" + Html.esc(m.list()) + "/messages/" + Html.esc(m.hash());
    }

    private String attachmentList(String lang, ArchivedMessage m, List<Attachment> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<p class=\"muted\">").append(Html.esc(i18n.t(lang, "thread.attachments")))
                .append(":</p><ul class=\"attachments\">");
        for (Attachment a : files) {
            out.append("<li><a class=\"attachment\" href=\"").append(permalink(m)).append("/parts/").append(a.part())
                    .append("\">").append(Html.esc(a.filename().isEmpty() ? "part-" + a.part() : a.filename()))
                    .append("</a> <span class=\"muted\">").append(Html.esc(a.contentType())).append(", ")
                    .append(Html.esc(i18n.t(lang, "size.kilobytes", a.size() / 1024 + 1))).append("</span></li>");
        }
        return out.append("</ul>").toString();
    }

    void message(Context ctx, Viewer v) {
        ForumList list = list(v, ctx.pathParam("list"));
        String lang = v.language();
        ArchivedMessage m = forum.store().read(tx -> tx.archive().byHash(list.name(), ctx.pathParam("hash")))
                .filter(x -> v.readsThread(x.threadId())).orElseThrow(NotFoundResponse::new);
        byte[] raw = forum.store().read(tx -> tx.arrivals().raw(m.arrivalId())).orElse(new byte[0]);
        List<Attachment> files = forum.store().read(tx -> tx.archive().attachments(List.of(m.id())));
        List<Version> versions = forum.store().read(tx -> tx.versions().of(m.id()));
        ThreadSummary thread = forum.store().read(tx -> tx.archive().thread(m.threadId())).orElseThrow(NotFoundResponse::new);
        StringBuilder body = new StringBuilder("<h1 dir=\"auto\">").append(Html.esc(subjectOf(m.subject()))).append("</h1>")
                .append("<p class=\"versions\">").append(alsoIn(v, lang, m, versions)).append("</p><p>")
                .append(Html.esc(i18n.t(lang, "message.from"))).append(": <strong>").append(Html.bidi(author(m)))
                .append("</strong>").append(m.senderDelegation().isEmpty() ? "" : " (" + Html.esc(m.senderDelegation()) + ")")
                .append("<br>").append(Html.esc(i18n.t(lang, "message.date"))).append(": ").append(Html.esc(date(v, m.sentAt())))
                .append("<br>").append(Html.esc(i18n.t(lang, "thread.inThread"))).append(": <a href=\"/lists/")
                .append(Html.esc(m.list())).append("/threads/").append(m.threadId()).append("\">")
                .append(Html.bidi(subjectOf(thread.subject()))).append("</a></p><article class=\"message-body\">")
                .append(renderBody(m, raw, lang)).append("</article>").append(attachmentList(lang, m, files));
        Optional.ofNullable(ctx.queryParam("done")).ifPresent(d -> body.append("<p class=\"notice\" id=\"message\">")
                .append(Html.esc(d)).append("</p>"));
        body.append(translateForm(v, lang, list, m, versions, auth.csrf(ctx)));
        page(ctx, v, m.subject(), body.toString());
    }

    /** For translators and moderators: the room's languages this post has no version in yet. */
    private String translateForm(Viewer v, String lang, ForumList list, ArchivedMessage m, List<Version> versions,
                                 String csrf) {
        if (!v.member().role().translates()) {
            return "";
        }
        List<String> have = versions.stream().map(Version::language).toList();
        List<String> missing = forum.store().read(tx -> tx.rooms().listsOf(list.roomId())).stream()
                .map(ForumList::language).filter(l -> !l.equals(list.language()) && !have.contains(l)).toList();
        if (missing.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section class=\"translate\"><h2>")
                .append(Html.esc(i18n.t(lang, "translate.title"))).append("</h2><form method=\"post\" id=\"translate\" action=\"")
                .append(permalink(m)).append("/translate\">").append(Page.csrfField(csrf)).append("<label>")
                .append(Html.esc(i18n.t(lang, "translate.language"))).append(" <select name=\"language\">");
        for (String l : missing) {
            out.append("<option value=\"").append(Html.esc(l)).append("\">").append(Html.esc(Vocabulary.autonym(l)))
                    .append("</option>");
        }
        return out.append("</select></label><label>").append(Html.esc(i18n.t(lang, "translate.subject")))
                .append(" <input name=\"subject\" value=\"").append(Html.esc(m.subject())).append("\"></label><label>")
                .append(Html.esc(i18n.t(lang, "translate.text"))).append("<textarea name=\"text\" rows=\"12\" required>")
                .append("</textarea></label><button type=\"submit\">").append(Html.esc(i18n.t(lang, "translate.send")))
                .append("</button></form></section>").toString();
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
        Translations.Outcome outcome = forum.store().write(tx -> forum.translations().translate(tx, m, list, request,
                v.member()));
        forum.wakeUps().outbox();
        if (outcome instanceof Translations.Outcome.Sent sent && v.sees(sent.list().name())) {
            ctx.redirect(permalink(sent.translation()));
            return;
        }
        String message = outcome instanceof Translations.Outcome.Refused refused
                ? i18n.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"),
                        refused.values()))
                : i18n.t(lang, "translate.sent");
        ctx.redirect(permalink(m) + "?done=" + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    /** HTML parts are sanitised (images only from this message); otherwise the text, folded. */
    private String renderBody(ArchivedMessage m, byte[] raw, String lang) {
        try {
            Message parsed = PostParser.parseMessage(new ByteArrayInputStream(raw));
            try {
                List<MimeParts.Part> parts = MimeParts.leaves(parsed);
                Optional<MimeParts.Part> html = parts.stream()
                        .filter(p -> p.contentType().equals("text/html") && !p.attachment()).findFirst();
                if (html.isPresent()) {
                    Map<String, String> cids = new HashMap<>();
                    for (MimeParts.Part p : parts) {
                        if (!p.contentId().isEmpty()) {
                            cids.put(p.contentId().substring(1, p.contentId().length() - 1),
                                    permalink(m) + "/parts/" + p.index() + "?inline=1");
                        }
                    }
                    String text = TextDecoding.decode(html.get().bytes(MAX_PART), html.get().entity().getCharset()).text();
                    return "<div class=\"html-body\" dir=\"auto\">" + MailHtml.sanitise(text, cids) + "</div>";
                }
                return Html.textBody(PostParser.firstText(parsed), i18n.t(lang, "thread.quoted"),
                        i18n.t(lang, "thread.signature"));
            } finally {
                parsed.dispose();
            }
        } catch (java.io.IOException | org.apache.james.mime4j.MimeException | RuntimeException e) {
            String text = forum.store().read(tx -> tx.archive().bodyText(m.id())).orElse("");
            return Html.textBody(text, i18n.t(lang, "thread.quoted"), i18n.t(lang, "thread.signature"));
        }
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
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
                ctx.contentType(inline ? part.contentType() : "application/octet-stream");
                ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
                ctx.result(bytes);
            } finally {
                parsed.dispose();
            }
        } catch (java.io.IOException | org.apache.james.mime4j.MimeException e) {
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
