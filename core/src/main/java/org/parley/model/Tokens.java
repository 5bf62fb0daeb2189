package org.parley.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Unguessable, single-purpose, expiring tokens for addresses and links: the subject id and
 * the expiry in clear, sealed with an HMAC of the forum secret. They are lower-case base32,
 * because MTAs and mail clients may change the case of an address's local part.
 */
public final class Tokens {
    private static final int MAC_BYTES = 10;
    private static final int BLOCK = 64;

    /** What a token may be used for; a token for one purpose is worthless for another. */
    public enum Purpose { MODERATION, BOUNCE, UNSUBSCRIBE, REQUEST, LEAVE, REENABLE }

    /** What checking a token found. */
    public sealed interface Check {
        /** Good, and for this subject. */
        record Valid(long subject) implements Check {
        }

        /** Genuine, but its time is over. */
        record Expired(long subject) implements Check {
        }

        /** Not one of ours: forged, mistyped or for another purpose. */
        record Invalid() implements Check {
        }
    }

    private static final byte[][] PURPOSE_BYTES = Arrays.stream(Purpose.values())
            .map(p -> p.name().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /*
     * HMAC-SHA256 (RFC 2104) with its key blocks hashed ahead: per purpose, the inner hash has
     * taken in (key xor ipad) and the purpose's name, the outer one (key xor opad). A token
     * then costs two SHA-256 blocks instead of four, which matters at two tokens a copy; the
     * MACs are those of javax.crypto's HmacSHA256, so tokens already out stay valid. Each
     * thread keeps its own prepared digests and clones them per token.
     */
    private final ThreadLocal<MessageDigest[]> prepared;

    public Tokens(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("tokens need the forum secret");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        this.prepared = ThreadLocal.withInitial(() -> prepare(key));
    }

    private static MessageDigest[] prepare(byte[] secret) {
        byte[] key = secret.length > BLOCK ? sha256().digest(secret) : secret;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        MessageDigest[] digests = new MessageDigest[PURPOSE_BYTES.length + 1];
        for (int p = 0; p < PURPOSE_BYTES.length; p++) {
            digests[p] = sha256();
            digests[p].update(ipad);
            digests[p].update(PURPOSE_BYTES[p]);
        }
        digests[PURPOSE_BYTES.length] = sha256();
        digests[PURPOSE_BYTES.length].update(opad);
        return digests;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String issue(Purpose purpose, long subject, Instant expires) {
        byte[] body = new byte[12 + MAC_BYTES];
        long minute = Math.min(Integer.MAX_VALUE, expires.getEpochSecond() / 60);
        for (int i = 0; i < 8; i++) {
            body[i] = (byte) (subject >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            body[8 + i] = (byte) (minute >>> (24 - 8 * i));
        }
        System.arraycopy(mac(purpose, body, 12), 0, body, 12, MAC_BYTES);
        return Base32.encode(body);
    }

    public Check check(Purpose purpose, String token, Instant now) {
        Optional<byte[]> bytes = Base32.decode(token.toLowerCase(Locale.ROOT));
        if (bytes.isEmpty() || bytes.get().length != 12 + MAC_BYTES) {
            return new Check.Invalid();
        }
        byte[] raw = bytes.get();
        byte[] expected = mac(purpose, raw, 12);
        byte[] given = Arrays.copyOfRange(raw, 12, 12 + MAC_BYTES);
        if (!MessageDigest.isEqual(expected, given)) {
            return new Check.Invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long subject = buffer.getLong();
        long expiresMinute = Integer.toUnsignedLong(buffer.getInt());
        return now.getEpochSecond() / 60 >= expiresMinute ? new Check.Expired(subject) : new Check.Valid(subject);
    }

    private byte[] mac(Purpose purpose, byte[] data, int length) {
        MessageDigest[] digests = prepared.get();
        MessageDigest inner = copy(digests[purpose.ordinal()]);
        inner.update(data, 0, length);
        MessageDigest outer = copy(digests[digests.length - 1]);
        outer.update(inner.digest());
        return Arrays.copyOf(outer.digest(), MAC_BYTES);
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
        }
    }
}
