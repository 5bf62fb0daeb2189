package org.parley.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.inbound.HtmlText;
import org.parley.moderation.ModerationReply;
import org.parley.notices.Vocabulary;

/**
 * The readers of what people write back: a moderator's reply (plain or HTML) and a command
 * to a list's -request address. Whatever they are given, they answer or say "no command".
 */
class ReplyReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void anyReplyIsReadOrRefused(FuzzedDataProvider data) {
        boolean html = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        ModerationReply.read(html ? HtmlText.toText(text) : text);
        for (String line : text.split("\n", 20)) {
            Vocabulary.first(line);
        }
    }
}
