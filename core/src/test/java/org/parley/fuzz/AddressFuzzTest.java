package org.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import org.parley.model.ListAddress;
import org.parley.model.Tokens;

/**
 * The reader of our own addresses, and of the tokens in them that moderation replies and
 * bounces carry: a forged or mangled one is refused, never taken for another.
 */
class AddressFuzzTest {
    private static final Tokens TOKENS = new Tokens("fuzz-secret");

    @FuzzTest(maxDuration = "10m")
    void anyAddressIsParsedOrRefused(FuzzedDataProvider data) {
        String address = data.consumeRemainingAsString();
        ListAddress.parse(address, "forum.test").ifPresent(parsed -> {
            for (Tokens.Purpose purpose : Tokens.Purpose.values()) {
                Tokens.Check check = TOKENS.check(purpose, parsed.token(), Instant.parse("2026-12-01T00:00:00Z"));
                assertTrue(!(check instanceof Tokens.Check.Valid), "a token nobody issued passed: " + address);
            }
        });
    }
}
