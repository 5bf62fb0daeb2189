package org.parley.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.config.Settings;
import org.parley.delegation.FocalPoints;
import org.parley.distribution.Answers;
import org.parley.inbound.PlainText;
import org.parley.inbound.Post;
import org.parley.inbound.Quotes;
import org.parley.model.Delivery;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.ListAddress;
import org.parley.model.Member;
import org.parley.model.Request;
import org.parley.model.Role;
import org.parley.model.Tokens;
import org.parley.notices.Languages;
import org.parley.notices.Vocabulary;
import org.parley.requests.RequestDesk;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail to {@code LIST-request@}: one command, in the subject or on the first lines, in
 * any of the six languages: help, join, leave, digest, nomail (each with "off"), propose,
 * invite. Answers come in the language the command was written in; anything not
 * understood gets help. A leave is confirmed by a link or a reply to
 * {@code LIST-request+TOKEN@}, so nobody can unsubscribe someone else.
 */
public final class RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final Pattern REPLY_PREFIX = Pattern.compile("^((re|aw|tr|rv|fwd?|ответ|回复|答复|رد)\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final List<String> OFF = List.of("off", "non", "desactiver", "no", "desactivar", "выкл", "нет",
            "ايقاف", "关闭", "取消");
    private static final int COMMAND_LINES = 6;

    private final Settings settings;
    private final Answers answers;
    private final Tokens tokens;
    private final RequestDesk requests;
    private final FocalPoints focalPoints;
    private final Clock clock;

    public RequestHandler(Settings settings, Answers answers, Tokens tokens, RequestDesk requests, FocalPoints focalPoints,
                          Clock clock) {
        this.settings = settings;
        this.answers = answers;
        this.tokens = tokens;
        this.requests = requests;
        this.focalPoints = focalPoints;
        this.clock = clock;
    }

    /** The command read from a mail, with what follows it on its line and the lines below. */
    private record Command(Vocabulary.Command word, String language, String rest, String below) {
    }

    String handle(Tx tx, Post post, ForumList list, String token) {
        if (post.automatic() || post.fromAddress().isEmpty()) {
            return "ignored: automatic or no sender";
        }
        Optional<Command> command = command(post);
        Optional<Member> member = tx.members().find(post.fromAddress());
        List<String> languages = Languages.of(command.map(Command::language),
                member.map(Member::language).orElse(list.language()), list.language(), settings.defaultLanguage());
        if (!token.isEmpty()) {
            return confirmLeave(tx, post, list, token, member, languages);
        }
        Vocabulary.Command word = command.map(Command::word).orElse(Vocabulary.Command.HELP);
        boolean off = command.map(c -> OFF.contains(PlainText.of(c.rest()).split("\\s+")[0])).orElse(false);
        Optional<Long> subscription = member.flatMap(m -> tx.members().subscriptionId(m.id(), list.name()));
        return switch (word) {
            case JOIN -> join(tx, post, list, member, languages, command.get());
            case LEAVE -> subscription.isPresent() ? askToConfirmLeave(tx, post, list, subscription.get(), languages)
                    : answer(tx, post, list, languages, "change.not-subscribed", "not subscribed");
            case DIGEST -> delivery(tx, post, list, member, subscription, off ? Delivery.EACH : Delivery.DIGEST, languages);
            case NOMAIL -> delivery(tx, post, list, member, subscription, off ? Delivery.EACH : Delivery.NONE, languages);
            case PROPOSE -> propose(tx, post, list, member, languages, command.get());
            case INVITE -> invite(tx, post, list, member, languages, command.get());
            default -> help(tx, post, list, languages);
        };
    }

    private String help(Tx tx, Post post, ForumList list, List<String> languages) {
        answers.send(tx, post, list, "", languages, "help", Map.of(
                "post", list.postAddress(settings.domain()),
                "request", list.address(ListAddress.Kind.REQUEST, settings.domain()),
                "owner", list.address(ListAddress.Kind.OWNER, settings.domain())));
        return "answered: help (" + languages.get(0) + ")";
    }

    private String answer(Tx tx, Post post, ForumList list, List<String> languages, String phrase, String outcome) {
        answers.send(tx, post, list, "", languages, "command-answer", Map.of("answer",
                answers.phrase(phrase, languages, Map.of("list", list.postAddress(settings.domain())))));
        LOG.info("request command list={} from={} outcome={}", list.name(), post.fromAddress(), outcome);
        return "answered: " + outcome;
    }

    private String join(Tx tx, Post post, ForumList list, Optional<Member> member, List<String> languages,
                        Command command) {
        if (member.isPresent() && member.get().role() != Role.GUEST) {
            tx.members().subscribe(member.get().id(), list.name(), Delivery.EACH, clock.instant());
            return answer(tx, post, list, languages, "change.joined", "joined");
        }
        // Not a member (or a guest, who is on no list): the moderators decide.
        requests.submit(tx, new Request(0, Request.Kind.JOIN, list.name(), post.fromAddress(), post.fromName(),
                command.language(), "", command.below(), "", "", "", 0, Request.State.PENDING, clock.instant()), list);
        return "request: join";
    }

    private String askToConfirmLeave(Tx tx, Post post, ForumList list, long subscription, List<String> languages) {
        String token = tokens.issue(Tokens.Purpose.LEAVE, subscription, clock.instant().plus(Duration.ofDays(7)));
        String reply = new ListAddress(list.name(), ListAddress.Kind.REQUEST, token).format(settings.domain());
        answers.send(tx, post, list, "", languages, "leave-confirm", Map.of(
                "link", settings.web().baseUrl() + "/unsubscribe/" + token,
                "reply", reply), Optional.of(reply));
        return "answered: leave asked to confirm";
    }

    private String confirmLeave(Tx tx, Post post, ForumList list, String token, Optional<Member> member,
                                List<String> languages) {
        Tokens.Check check = tokens.check(Tokens.Purpose.LEAVE, token, clock.instant());
        Optional<String[]> target = check instanceof Tokens.Check.Valid valid
                ? tx.members().subscriptionTarget(valid.subject()) : Optional.empty();
        if (target.isEmpty() || !target.get()[0].equals(list.name()) || member.isEmpty()
                || !member.get().email().equals(target.get()[1])) {
            return answer(tx, post, list, languages, "change.leave-invalid", "leave refused: invalid confirmation");
        }
        tx.members().unsubscribe(member.get().id(), list.name());
        focalPoints.tell(tx, member.get(), list, FocalPoints.Event.LEFT);
        return answer(tx, post, list, languages, "change.left", "left");
    }

    private String delivery(Tx tx, Post post, ForumList list, Optional<Member> member, Optional<Long> subscription,
                            Delivery delivery, List<String> languages) {
        if (subscription.isEmpty()) {
            return answer(tx, post, list, languages, "change.not-subscribed", "not subscribed");
        }
        tx.members().subscribe(member.orElseThrow().id(), list.name(), delivery, clock.instant());
        return answer(tx, post, list, languages, "change.delivery-" + delivery.name().toLowerCase(Locale.ROOT),
                "delivery " + delivery.name().toLowerCase(Locale.ROOT));
    }

    private String propose(Tx tx, Post post, ForumList list, Optional<Member> member, List<String> languages,
                           Command command) {
        if (member.isEmpty() || member.get().role() == Role.GUEST) {
            return answer(tx, post, list, languages, "change.members-only", "proposal refused: not a member");
        }
        String title = command.rest().replaceFirst("^[\\s:：,.-]+", "").strip();
        String body = command.below().strip();
        if (title.isEmpty()) {
            String[] lines = body.split("\n", 2);
            title = lines[0].strip();
            body = lines.length > 1 ? lines[1].strip() : "";
        }
        if (title.isEmpty()) {
            return answer(tx, post, list, languages, "change.proposal-empty", "proposal refused: no title");
        }
        requests.submit(tx, new Request(0, Request.Kind.PROPOSAL, list.name(), member.get().email(), member.get().name(),
                command.language(), title, body, "", "", "", 0, Request.State.PENDING, clock.instant()), list);
        return "request: proposal";
    }

    private String invite(Tx tx, Post post, ForumList list, Optional<Member> member, List<String> languages,
                          Command command) {
        if (member.isEmpty() || member.get().role() == Role.GUEST) {
            return answer(tx, post, list, languages, "change.members-only", "invitation refused: not a member");
        }
        Map<String, String> fields = InvitationFields.read(command.below());
        String email;
        try {
            email = Member.normalise(fields.getOrDefault("email", ""));
        } catch (IllegalArgumentException e) {
            return answer(tx, post, list, languages, "change.invitation-incomplete", "invitation refused: no email");
        }
        String name = fields.getOrDefault("name", "").strip();
        if (name.isEmpty() || name.contains("\n")) {
            return answer(tx, post, list, languages, "change.invitation-incomplete", "invitation refused: no name");
        }
        Optional<Discussion> discussion = discussionFor(tx, list, fields.getOrDefault("discussion", ""));
        if (discussion.isEmpty()) {
            return answer(tx, post, list, languages, "change.invitation-no-discussion", "invitation refused: no discussion");
        }
        requests.submit(tx, new Request(0, Request.Kind.INVITATION, list.name(), member.get().email(),
                member.get().name(), command.language(), "", fields.getOrDefault("why", ""), email, name,
                fields.getOrDefault("organisation", ""), discussion.get().id(), Request.State.PENDING,
                clock.instant()), list);
        return "request: invitation";
    }

    /** The discussion named by its number, else the room's open one (or its next scheduled). */
    private static Optional<Discussion> discussionFor(Tx tx, ForumList list, String named) {
        List<Discussion> room = tx.discussions().list(Optional.of(list.roomId()), 50).stream()
                .filter(d -> d.state() != Discussion.State.CLOSED).toList();
        String number = named.replaceAll("[^0-9]", "");
        if (!number.isEmpty()) {
            return room.stream().filter(d -> String.valueOf(d.id()).equals(number)).findFirst();
        }
        return room.stream().filter(d -> d.state() == Discussion.State.OPEN).findFirst()
                .or(() -> room.stream().reduce((a, b) -> b));
    }

    /** The first command word in the subject or on the first lines of the text. */
    private static Optional<Command> command(Post post) {
        List<String> lines = new ArrayList<>();
        lines.add(post.subject());
        String[] body = post.text().replace("\r\n", "\n").split("\n", -1);
        int end = Quotes.start(body);
        for (int i = 0; i < end; i++) {
            lines.add(body[i]);
        }
        for (int i = 0, seen = 0; i < lines.size() && seen < COMMAND_LINES; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            seen++;
            String line = REPLY_PREFIX.matcher(lines.get(i).strip()).replaceFirst("");
            Optional<Vocabulary.Found> found = Vocabulary.first(line);
            if (found.isPresent()) {
                int firstBodyLine = i == 0 ? 1 : i + 1;
                String below = String.join("\n", lines.subList(Math.min(firstBodyLine, lines.size()), lines.size()));
                return Optional.of(new Command(found.get().word().command(), found.get().word().language(),
                        found.get().rest(), below));
            }
        }
        return Optional.empty();
    }

    /** "Name: …", "Email: …" lines of an invitation, with their labels in the six languages. */
    static final class InvitationFields {
        private static final Map<String, String> LABELS = new HashMap<>();

        static {
            for (String l : List.of("name", "nom", "nombre", "имя", "الاسم", "姓名")) {
                LABELS.put(PlainText.of(l), "name");
            }
            for (String l : List.of("email", "e-mail", "courriel", "correo", "почта", "البريد", "邮箱", "电子邮件")) {
                LABELS.put(PlainText.of(l), "email");
            }
            for (String l : List.of("organisation", "organization", "organisme", "organizacion", "организация",
                    "المنظمة", "组织", "机构")) {
                LABELS.put(PlainText.of(l), "organisation");
            }
            for (String l : List.of("discussion", "discusion", "обсуждение", "النقاش", "讨论")) {
                LABELS.put(PlainText.of(l), "discussion");
            }
            for (String l : List.of("why", "reason", "motif", "pourquoi", "motivo", "причина", "السبب", "理由")) {
                LABELS.put(PlainText.of(l), "why");
            }
        }

        private InvitationFields() {
        }

        static Map<String, String> read(String text) {
            Map<String, String> out = new HashMap<>();
            String last = null;
            for (String line : text.split("\n")) {
                int colon = Math.max(line.indexOf(':'), line.indexOf('：'));
                String label = colon > 0 ? LABELS.get(PlainText.of(line.substring(0, colon))) : null;
                if (label != null) {
                    out.put(label, line.substring(colon + 1).strip());
                    last = label;
                } else if (last != null && last.equals("why") && !line.isBlank()) {
                    out.put("why", out.get("why") + " " + line.strip());
                }
            }
            return out;
        }
    }
}
