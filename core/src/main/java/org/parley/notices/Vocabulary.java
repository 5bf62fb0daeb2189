package org.parley.notices;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.inbound.PlainText;

/**
 * The words people write to the forum's robots, in the six UN languages: moderators'
 * decisions, translators' commands, requests to {@code LIST-request@}. Each word knows its
 * language, so the answer comes in the language the command was written in. Words are
 * compared plain: lower-case, without accents or Arabic vowel marks.
 */
public final class Vocabulary {
    /** What a word asks for. */
    public enum Command { APPROVE, REJECT, DISCARD, ALL, TRANSLATE, HELP, JOIN, LEAVE, DIGEST, NOMAIL, PROPOSE, INVITE }

    /** A command word as found in a text, with the language it belongs to. */
    public record Word(Command command, String language) {
    }

    /** A word read from the start of a line, with the text after it. */
    public record Found(Word word, String written, String rest) {
    }

    private static final Map<String, Word> WORDS = new HashMap<>();
    private static final int LONGEST;

    static {
        add(Command.APPROVE, "en", "approve", "approved", "accept");
        add(Command.APPROVE, "fr", "approuver", "approuve", "accepter");
        add(Command.APPROVE, "es", "aprobar", "apruebo", "aceptar");
        add(Command.APPROVE, "ru", "одобрить", "одобряю", "одобрено", "принять");
        add(Command.APPROVE, "ar", "موافقة", "أوافق", "قبول");
        add(Command.APPROVE, "zh", "批准", "同意", "通过");
        add(Command.REJECT, "en", "reject");
        add(Command.REJECT, "fr", "rejeter", "refuser");
        add(Command.REJECT, "es", "rechazar");
        add(Command.REJECT, "ru", "отклонить", "отказать");
        add(Command.REJECT, "ar", "رفض", "أرفض");
        add(Command.REJECT, "zh", "拒绝", "驳回");
        add(Command.DISCARD, "en", "discard");
        add(Command.DISCARD, "fr", "supprimer", "ignorer");
        add(Command.DISCARD, "es", "descartar");
        add(Command.DISCARD, "ru", "удалить");
        add(Command.DISCARD, "ar", "حذف", "تجاهل");
        add(Command.DISCARD, "zh", "丢弃", "删除");
        add(Command.ALL, "en", "all");
        add(Command.ALL, "fr", "tout", "tous", "toutes");
        add(Command.ALL, "es", "todo", "todos", "todas");
        add(Command.ALL, "ru", "все", "всем");
        add(Command.ALL, "ar", "الكل", "للجميع", "الجميع");
        add(Command.ALL, "zh", "全部", "所有");
        add(Command.TRANSLATE, "en", "translate", "translation");
        add(Command.TRANSLATE, "fr", "traduire", "traduction");
        add(Command.TRANSLATE, "es", "traducir", "traduccion");
        add(Command.TRANSLATE, "ru", "перевести", "перевод");
        add(Command.TRANSLATE, "ar", "ترجمة", "ترجم");
        add(Command.TRANSLATE, "zh", "翻译", "译文");
        add(Command.HELP, "en", "help");
        add(Command.HELP, "fr", "aide");
        add(Command.HELP, "es", "ayuda");
        add(Command.HELP, "ru", "помощь", "справка");
        add(Command.HELP, "ar", "مساعدة");
        add(Command.HELP, "zh", "帮助");
        add(Command.JOIN, "en", "join", "subscribe");
        add(Command.JOIN, "fr", "rejoindre", "abonner", "inscrire");
        add(Command.JOIN, "es", "unirse", "suscribir", "suscribirse");
        add(Command.JOIN, "ru", "подписаться", "вступить");
        add(Command.JOIN, "ar", "انضمام", "اشتراك");
        add(Command.JOIN, "zh", "加入", "订阅");
        add(Command.LEAVE, "en", "leave", "unsubscribe");
        add(Command.LEAVE, "fr", "quitter", "desabonner");
        add(Command.LEAVE, "es", "salir", "baja", "desuscribir");
        add(Command.LEAVE, "ru", "отписаться", "выйти");
        add(Command.LEAVE, "ar", "مغادرة", "إلغاء");
        add(Command.LEAVE, "zh", "退出", "退订");
        add(Command.DIGEST, "en", "digest");
        add(Command.DIGEST, "fr", "resume", "condense");
        add(Command.DIGEST, "es", "resumen");
        add(Command.DIGEST, "ru", "дайджест", "сводка");
        add(Command.DIGEST, "ar", "ملخص");
        add(Command.DIGEST, "zh", "摘要");
        add(Command.NOMAIL, "en", "nomail");
        add(Command.NOMAIL, "fr", "pasdecourriel", "suspendre");
        add(Command.NOMAIL, "es", "sincorreo", "suspender");
        add(Command.NOMAIL, "ru", "безпочты", "приостановить");
        add(Command.NOMAIL, "ar", "إيقاف");
        add(Command.NOMAIL, "zh", "暂停");
        add(Command.PROPOSE, "en", "propose", "proposal");
        add(Command.PROPOSE, "fr", "proposer", "proposition");
        add(Command.PROPOSE, "es", "proponer", "propuesta");
        add(Command.PROPOSE, "ru", "предложить", "предложение");
        add(Command.PROPOSE, "ar", "اقتراح", "أقترح");
        add(Command.PROPOSE, "zh", "提议", "建议");
        add(Command.INVITE, "en", "invite");
        add(Command.INVITE, "fr", "inviter");
        add(Command.INVITE, "es", "invitar");
        add(Command.INVITE, "ru", "пригласить");
        add(Command.INVITE, "ar", "دعوة");
        add(Command.INVITE, "zh", "邀请");
        LONGEST = WORDS.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    private Vocabulary() {
    }

    private static void add(Command command, String language, String... words) {
        for (String word : words) {
            WORDS.put(PlainText.of(word), new Word(command, language));
        }
    }

    /**
     * The command word a line starts with, if any. A word must stand alone ("approved" is
     * a word, "approves" is not); Chinese has no spaces, so there the longest known word
     * at the start counts.
     */
    public static Optional<Found> first(String line) {
        String text = line.strip();
        int start = 0;
        while (start < text.length() && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || Character.getType(text.charAt(end))
                == Character.NON_SPACING_MARK)) {
            end++;
        }
        if (end == start) {
            return Optional.empty();
        }
        String written = text.substring(start, end);
        Word word = WORDS.get(PlainText.of(written));
        if (word != null) {
            return Optional.of(new Found(word, written, text.substring(end)));
        }
        if (Character.UnicodeScript.of(written.codePointAt(0)) == Character.UnicodeScript.HAN) {
            for (int length = Math.min(LONGEST, written.length()); length > 0; length--) {
                Word prefix = WORDS.get(written.substring(0, length));
                if (prefix != null) {
                    return Optional.of(new Found(prefix, written.substring(0, length), text.substring(start + length)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A language named in a command: its code ({@code fr}) or its name in any of the six
     * languages ({@code français}, {@code French}, {@code francés}, {@code французский}).
     */
    public static Optional<String> language(String written, List<String> among) {
        String value = PlainText.of(written);
        for (String code : among) {
            if (value.equals(code)) {
                return Optional.of(code);
            }
            Locale target = Locale.forLanguageTag(code);
            for (String in : List.of("en", "fr", "es", "ru", "ar", "zh", code)) {
                if (value.equals(PlainText.of(target.getDisplayLanguage(Locale.forLanguageTag(in))))) {
                    return Optional.of(code);
                }
            }
        }
        return Optional.empty();
    }

    /** A language's own name, as shown in "also in" links: English, Français, العربية, 中文. */
    public static String autonym(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    /** A language's name in the reader's language: "espagnol" for a French reader. */
    public static String nameIn(String code, String readerLanguage) {
        return Locale.forLanguageTag(code).getDisplayLanguage(Locale.forLanguageTag(readerLanguage));
    }
}
