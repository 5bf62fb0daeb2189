package org.parley.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Optional;

/**
 * Guesses the charset of 8-bit text that came with no label, or with a label that cannot
 * be true (us-ascii over 8-bit bytes), the way mail clients do: each legacy charset still
 * in real use reads the bytes, and the reading that looks most like words of one script
 * wins. Cyrillic in KOI8-R and windows-1251 decode to the same letters with the cases
 * swapped, so case is what tells them apart; CJK charsets are told apart by their most
 * frequent characters.
 */
final class CharsetGuess {
    private static final byte ESC = 0x1b;
    private static final List<Charset> CANDIDATES = List.of("windows-1252", "windows-1251", "KOI8-R", "windows-1256",
            "GB18030", "Big5", "Shift_JIS", "EUC-JP", "ISO-8859-15").stream()
            .filter(Charset::isSupported).map(Charset::forName).toList();
    private static final String COMMON_SIMPLIFIED = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
    private static final String COMMON_TRADITIONAL = "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處理府研質";

    private CharsetGuess() {
    }

    /** The best reading of bytes that are not UTF-8; empty when the bytes are plain ASCII. */
    static Optional<TextDecoding.Decoded> guess(byte[] bytes) {
        if (sevenBit(bytes)) {
            if (escaped(bytes)) {
                Charset jis = Charset.forName("ISO-2022-JP");
                String text = strict(bytes, jis);
                if (text != null) {
                    return Optional.of(new TextDecoding.Decoded(text, jis.name(), false));
                }
            }
            return Optional.empty();
        }
        String best = null;
        Charset bestCharset = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Charset charset : CANDIDATES) {
            String text = strict(bytes, charset);
            if (text == null) {
                continue;
            }
            double score = score(text);
            if (score > bestScore) {
                best = text;
                bestCharset = charset;
                bestScore = score;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new TextDecoding.Decoded(best, bestCharset.name(), false));
    }

    /**
     * Higher is more plausible: letters and ideographs in words count for, control
     * characters, symbols between letters and capitals inside words count against.
     */
    static double score(String text) {
        double score = 0;
        char previous = ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                previous = c;
                continue;
            }
            if (Character.isISOControl(c) || c == '\ufffd' || Character.getType(c) == Character.PRIVATE_USE) {
                score -= 5;
            } else if (Character.isLetter(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script == Character.UnicodeScript.HAN) {
                    score += COMMON_SIMPLIFIED.indexOf(c) >= 0 ? 2 : 0;
                    score += COMMON_TRADITIONAL.indexOf(c) >= 0 ? 2 : 0;
                    score += 0.5;
                } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                    // Half-width katakana is what Chinese bytes look like through Shift_JIS; real mail rarely has it.
                    score += c >= 0xff61 && c <= 0xff9f ? -1 : 2;
                } else if (script == Character.UnicodeScript.LATIN && previous >= 0x80 && Character.isLetter(previous)) {
                    // Accented letters come one at a time in Western words; runs of them are another script misread.
                    score -= 2;
                } else if (Character.isUpperCase(c) && Character.isLetter(previous)) {
                    score -= 1;
                } else {
                    score += 1;
                }
                if (Character.isLetter(previous) && previous >= 0x80
                        && Character.UnicodeScript.of(previous) != script) {
                    score -= 3;
                }
                // A non-Latin letter glued to an ASCII letter is a Western accent read in the wrong charset.
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.HAN
                        && (asciiLetter(previous) || asciiLetter(next))) {
                    score -= 3;
                }
            } else {
                // Symbols and punctuation outside ASCII are rare in prose; between letters they mean a misreading.
                score -= Character.isLetter(previous) ? 2 : 0.5;
            }
            previous = c;
        }
        return score / Math.max(1, text.length());
    }

    /** Whether 7-bit bytes carry ISO-2022 escape sequences. */
    static boolean escaped(byte[] bytes) {
        return indexOf(bytes, new byte[]{ESC, '$'}) >= 0;
    }

    private static boolean asciiLetter(char c) {
        return c < 0x80 && Character.isLetter(c);
    }

    private static boolean sevenBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= bytes.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
