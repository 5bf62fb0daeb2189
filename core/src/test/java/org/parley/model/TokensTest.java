package org.parley.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    @Test
    void itsMacIsHmacSha256OverThePurposeAndTheSubject() throws Exception {
        // Tokens handed out before the MAC was computed by hand must stay valid: same bytes as javax.crypto's.
        for (String secret : new String[] {"test-secret", "k".repeat(64), "a secret longer than one block of SHA-256, x".repeat(3)}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String token = new Tokens(secret).issue(Tokens.Purpose.UNSUBSCRIBE, 1234567, now);
            byte[] raw = Base32.decode(token).orElseThrow();
            mac.update("UNSUBSCRIBE".getBytes(StandardCharsets.US_ASCII));
            mac.update(raw, 0, 12);
            assertEquals(HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(), 10)),
                    HexFormat.of().formatHex(Arrays.copyOfRange(raw, 12, 22)), secret);
        }
    }
}
