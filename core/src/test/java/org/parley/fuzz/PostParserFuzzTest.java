package org.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;

/**
 * Any bytes at all make a post with an id; the MIME parser never throws. In {@code mvn verify}
 * this runs on the seeds beside it (real messages); {@code JAZZER_FUZZ=1} fuzzes it for ten minutes.
 */
class PostParserFuzzTest {
    private static final PostParser PARSER = new PostParser("forum.test");

    @FuzzTest(maxDuration = "10m")
    void anyBytesParse(byte[] raw) {
        Post post = PARSER.parse(raw);
        assertTrue(post.messageId().startsWith("<") && post.messageId().endsWith(">"), post.messageId());
    }
}
