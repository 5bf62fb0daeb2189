package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeUtility;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Legacy charsets in real use, labelled, unlabelled and mislabelled, read as a mail client would. */
class CharsetDecodingTest {
    private static final String RUSSIAN = "Национальные стратегии в области интеллектуальной собственности, "
            + "обсуждение на этой неделе.";
    private static final String ARABIC = "الاستراتيجيات الوطنية للملكية الفكرية، المناقشة هذا الأسبوع.";
    private static final String SIMPLIFIED = "国家知识产权战略，本周的讨论。我们的经验是这样的。";
    private static final String TRADITIONAL = "國家知識產權戰略，本週的討論。我們的經驗是這樣的。";
    private static final String JAPANESE = "国家の知的財産戦略について、今週の議論です。よろしくお願いします。";
    private static final String FRENCH = "Stratégies nationales : la délégation a présenté ses réflexions à Genève.";

    @ParameterizedTest(name = "{0} without a label")
    @CsvSource({"KOI8-R,ru", "windows-1251,ru", "windows-1256,ar", "GB2312,zh", "GBK,zh", "GB18030,zh", "Big5,zht",
            "Shift_JIS,ja", "ISO-2022-JP,ja", "windows-1252,fr", "ISO-8859-15,fr", "ISO-8859-1,fr"})
    void unlabelledTextReadsRight(String charset, String language) {
        String text = sample(language);
        byte[] bytes = text.getBytes(Charset.forName(charset));
        assertEquals(text, TextDecoding.decode(bytes, "").text(), charset + " with no label");
        assertEquals(text, TextDecoding.decode(bytes, "us-ascii").text(), charset + " labelled us-ascii");
        assertEquals(text, TextDecoding.decode(bytes, charset).text(), charset + " labelled right");
    }

    @Test
    void cyrillicSentAsLatin1IsReadAsCyrillic() {
        byte[] bytes = RUSSIAN.getBytes(Charset.forName("windows-1251"));
        TextDecoding.Decoded decoded = TextDecoding.decode(bytes, "iso-8859-1");
        assertEquals(RUSSIAN, decoded.text());
        assertFalse(decoded.asDeclared());
    }

    @Test
    void aRightLatin1LabelStands() {
        TextDecoding.Decoded decoded = TextDecoding.decode(FRENCH.getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1");
        assertEquals(FRENCH, decoded.text());
        assertTrue(decoded.asDeclared());
    }

    @Test
    void utf8UnderALegacyLabelIsStillUtf8WhenTheLabelCannotFit() {
        byte[] bytes = RUSSIAN.getBytes(StandardCharsets.UTF_8);
        assertEquals(RUSSIAN, TextDecoding.decode(bytes, "us-ascii").text());
        assertEquals(RUSSIAN, TextDecoding.decode(bytes, "").text());
    }

    @Test
    void encodedWordsInLegacyCharsetsDecode() throws Exception {
        for (String[] c : new String[][]{{"KOI8-R", RUSSIAN}, {"windows-1256", ARABIC}, {"GB2312", SIMPLIFIED},
                {"Big5", TRADITIONAL}, {"ISO-2022-JP", JAPANESE}, {"Shift_JIS", JAPANESE}}) {
            String word = MimeUtility.encodeText(c[1], c[0], "B");
            assertEquals(c[1], PostParser.decoded(word), c[0]);
        }
    }

    private static String sample(String language) {
        return switch (language) {
            case "ru" -> RUSSIAN;
            case "ar" -> ARABIC;
            case "zh" -> SIMPLIFIED;
            case "zht" -> TRADITIONAL;
            case "ja" -> JAPANESE;
            default -> FRENCH;
        };
    }
}
