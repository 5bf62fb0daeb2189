package org.parley.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokensTest {
    private final Tokens tokens = new Tokens("test-secret");
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aTokenIsValidForItsPurposeUntilItExpires() {
        String token = tokens.issue(Tokens.Purpose.MODERATION, 42, now.plus(Duration.ofDays(14)));
        assertTrue(token.matches("[a-z2-7]+"), token);
        assertEquals(new Tokens.Check.Valid(42), tokens.check(Tokens.Purpose.MODERATION, token, now));
        assertEquals(new Tokens.Check.Valid(42), tokens.check(Tokens.Purpose.MODERATION, token.toUpperCase(), now));
        assertEquals(new Tokens.Check.Expired(42),
                tokens.check(Tokens.Purpose.MODERATION, token, now.plus(Duration.ofDays(15))));
    }

    @Test
    void aTokenForAnotherPurposeOrSecretOrTamperedIsInvalid() {
        String token = tokens.issue(Tokens.Purpose.MODERATION, 42, now.plus(Duration.ofDays(1)));
        assertInstanceOf(Tokens.Check.Invalid.class, tokens.check(Tokens.Purpose.BOUNCE, token, now));
        assertInstanceOf(Tokens.Check.Invalid.class,
                new Tokens("other-secret").check(Tokens.Purpose.MODERATION, token, now));
        char last = token.charAt(token.length() - 3);
        String tampered = token.substring(0, token.length() - 3) + (last == 'a' ? 'b' : 'a') + token.substring(token.length() - 2);
        assertInstanceOf(Tokens.Check.Invalid.class, tokens.check(Tokens.Purpose.MODERATION, tampered, now));
        assertInstanceOf(Tokens.Check.Invalid.class, tokens.check(Tokens.Purpose.MODERATION, "", now));
        assertInstanceOf(Tokens.Check.Invalid.class, tokens.check(Tokens.Purpose.MODERATION, "not-a-token!", now));
    }
}
