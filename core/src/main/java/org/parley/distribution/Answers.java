package org.parley.distribution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.inbound.Post;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.notices.Notice;
import org.parley.notices.Templates;
import org.parley.store.Tx;

/**
 * The forum's answer to a command someone mailed it (a decision, a translation, a
 * request): a template in the first of their languages, sent from the list's owner
 * address as a reply to their message, within the daily limit of automatic answers.
 */
public final class Answers {
    private final Settings settings;
    private final Templates templates;
    private final Outgoing outgoing;

    public Answers(Settings settings, Templates templates, Outgoing outgoing) {
        this.settings = settings;
        this.templates = templates;
        this.outgoing = outgoing;
    }

    /** Sends the answer unless the command has no sender; {@code list} and {@code subject} are filled in. */
    public void send(Tx tx, Post command, ForumList list, String subject, List<String> languages, String template,
                     Map<String, String> values) {
        send(tx, command, list, subject, languages, template, values, Optional.empty());
    }

    /** As above, with the address a reply to the answer goes to (a confirmation's). */
    public void send(Tx tx, Post command, ForumList list, String subject, List<String> languages, String template,
                     Map<String, String> values, Optional<String> replyTo) {
        if (command.fromAddress().isEmpty()) {
            return;
        }
        Map<String, String> all = new HashMap<>(values);
        all.put("list", list.postAddress(settings.domain()));
        all.put("subject", subject.isBlank() ? "(no subject)" : subject);
        Templates.Text text = templates.render(template, languages, all);
        outgoing.autoReply(tx, list.name(), new Notice(list.address(ListAddress.Kind.OWNER, settings.domain()),
                settings.forumName(), command.fromAddress(), replyTo, text, Optional.of(command.messageId()),
                Optional.empty()));
    }

    /** A phrase in the first of the reader's languages. */
    public String phrase(String key, List<String> languages, Map<String, String> values) {
        return templates.phrase(key, languages, values);
    }
}
