package org.parley.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.config.Settings;
import org.parley.distribution.Outgoing;
import org.parley.forum.ForumList;
import org.parley.forum.ListAddress;
import org.parley.inbound.Post;
import org.parley.notices.Languages;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.notices.Vocabulary;
import org.parley.people.Member;
import org.parley.store.Tx;

/**
 * Mail to {@code LIST-request@}: commands in the subject or on the first lines. Help is
 * answered in the language the command was written in; anything not understood gets help.
 */
final class RequestHandler {
    private static final Pattern REPLY_PREFIX = Pattern.compile("^((re|aw|tr|rv|fwd?|ответ|回复|答复|رد)\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final Settings settings;
    private final Templates templates;
    private final Outgoing outgoing;

    RequestHandler(Settings settings, Templates templates, Outgoing outgoing) {
        this.settings = settings;
        this.templates = templates;
        this.outgoing = outgoing;
    }

    String handle(Tx tx, Post post, ForumList list) {
        if (post.automatic() || post.fromAddress().isEmpty()) {
            return "ignored: automatic or no sender";
        }
        Optional<String> commandLanguage = commandLanguage(post);
        Optional<Member> member = tx.members().find(post.fromAddress());
        List<String> languages = Languages.of(commandLanguage,
                member.map(Member::language).orElse(list.language()), list.language(), settings.defaultLanguage());
        Templates.Text text = templates.render("help", languages, Map.of(
                "list", list.postAddress(settings.domain()),
                "post", list.postAddress(settings.domain()),
                "request", list.address(ListAddress.Kind.REQUEST, settings.domain()),
                "owner", list.address(ListAddress.Kind.OWNER, settings.domain())));
        boolean sent = outgoing.autoReply(tx, list.name(), new Notice(
                list.address(ListAddress.Kind.REQUEST, settings.domain()), settings.forumName(), post.fromAddress(),
                Optional.empty(), text, Optional.of(post.messageId()), Optional.empty()));
        return sent ? "answered: help (" + text.language() + ")" : "suppressed: help";
    }

    private static Optional<String> commandLanguage(Post post) {
        String first = post.subject() + "\n" + post.text();
        for (String line : first.split("\n", 6)) {
            String command = REPLY_PREFIX.matcher(line.strip()).replaceFirst("");
            Optional<Vocabulary.Found> found = Vocabulary.first(command);
            if (found.isPresent()) {
                return Optional.of(found.get().word().language());
            }
        }
        return Optional.empty();
    }
}
