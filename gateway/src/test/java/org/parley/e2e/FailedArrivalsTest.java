package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.OUTSIDER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.model.Envelope;
import org.parley.store.Arrivals;

/** No header of a real message stops its routing; what fails anyway is shown and can be routed again. */
class FailedArrivalsTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir);
    }

    @AfterEach
    void stop() {
        forum.close();
    }

    private String outcome(long id) {
        return forum.forum.store().read(tx -> tx.arrivals().outcome(id)).orElse("none");
    }

    @Test
    void aSenderWhoseAddressCannotBeAnsweredGetsNoAnswerButTheMessageGetsItsOutcome() throws Exception {
        String post = "From: system administrator@elsewhere.test\r\nTo: strategies-fr@forum.test\r\nSubject: Alerte\r\n"
                + "Message-ID: <unanswerable@elsewhere.test>\r\n\r\nUn message d'un automate.\r\n";
        assertEquals(250, forum.send(OUTSIDER, "strategies-fr@forum.test", post).code());
        forum.settle();
        String outcome = outcome(1);
        assertTrue(outcome.startsWith("DONE "), outcome);
        assertEquals(1, forum.admin().held(Optional.empty()).size(), "held for a moderator: " + outcome);
    }

    @Test
    void aFailedArrivalIsListedAndRoutedAgainOnceItsCauseIsFixed() throws Exception {
        String post = "From: " + CLAIRE + "\r\nTo: strategies-fr@forum.test\r\nSubject: Reprise\r\n"
                + "Message-ID: <retry@client.test>\r\n\r\nBonjour\r\n";
        long id = forum.forum.store().write(tx -> {
            long arrival = tx.arrivals().add(new Envelope(CLAIRE, "strategies-fr@forum.test", "127.0.0.1"),
                    post.getBytes(StandardCharsets.UTF_8), forum.clock.instant());
            tx.arrivals().finish(arrival, Arrivals.FAILED, "error: java.lang.IllegalStateException: the cause");
            return arrival;
        });
        ForumFixture.Run failed = forum.parley("", "arrivals", "failed");
        assertEquals(0, failed.code(), failed.toString());
        assertTrue(failed.out().startsWith(id + "\t"), failed.out());
        assertTrue(failed.out().contains(CLAIRE + "\tstrategies-fr@forum.test\terror: java.lang.IllegalStateException: the cause"),
                failed.out());

        assertEquals(2, forum.parley("", "arrivals", "retry").code(), "an ID or --all");
        assertEquals(65, forum.parley("", "arrivals", "retry", "999").code());
        ForumFixture.Run retry = forum.parley("", "arrivals", "retry", "--all");
        assertEquals("routing again 1 arrival\n", retry.out(), retry.toString());
        forum.awaitOne(ForumFixture.AMINATA, "Reprise");
        assertTrue(outcome(id).startsWith("DONE accepted"), outcome(id));
        assertTrue(forum.parley("", "arrivals", "failed").out().isEmpty());
    }
}
