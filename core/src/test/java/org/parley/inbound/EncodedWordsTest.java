package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** One decoder for encoded words, with the charset aliases bodies have. */
class EncodedWordsTest {
    private static String b(String charset, String text) {
        return "=?" + charset + "?b?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(
                charset.equals("eucgb2312_cn") ? "GB2312" : charset))) + "?=";
    }

    @Test
    void aCharsetLabelJavaDoesNotKnowIsReadByItsAlias() {
        assertEquals("国家知识产权战略", EncodedWords.decode(b("eucgb2312_cn", "国家知识产权战略")));
    }

    @Test
    void adjacentWordsJoinBeforeDecodingSoASplitCharacterSurvives() {
        byte[] bytes = "é".getBytes(StandardCharsets.UTF_8);
        String first = "=?utf-8?b?" + Base64.getEncoder().encodeToString(new byte[] {'a', bytes[0]}) + "?=";
        String second = "=?utf-8?b?" + Base64.getEncoder().encodeToString(new byte[] {bytes[1], 'b'}) + "?=";
        assertEquals("aéb", EncodedWords.decode(first + "\r\n " + second));
    }

    @Test
    void qEncodingUnderscoresAreSpacesAndTextBetweenWordsStays() {
        assertEquals("Re: stratégie nationale [fr]",
                EncodedWords.decode("Re: =?ISO-8859-1?Q?strat=E9gie_nationale?= [fr]"));
    }

    @Test
    void aBrokenWordIsLeftAsWritten() {
        assertEquals("x =?utf-8?q?bad=Z?= y", EncodedWords.decode("x =?utf-8?q?bad=Z?= y"));
    }

    @Test
    void anUnknownLabelIsGuessedNotDropped() {
        assertEquals("Стратегия", EncodedWords.decode(b("windows-1251", "Стратегия").replace("windows-1251", "x-nonsense")));
    }

    @Test
    void aLanguageSuffixIsIgnored() {
        assertEquals("stratégie", EncodedWords.decode("=?ISO-8859-1*fr?Q?strat=E9gie?="));
    }
}
