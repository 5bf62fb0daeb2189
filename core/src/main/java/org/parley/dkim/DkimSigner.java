package org.parley.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs the forum's mail with its DKIM keys (relaxed/relaxed, one signature per key). What
 * every copy of a mailing shares (its body hash, its canonical header fields) is worked out
 * once in {@link #prepare}; a copy adds only its own header lines and the signature itself.
 */
public final class DkimSigner {
    /** Signed where present; From always. The per-copy fields come after these. */
    private static final List<String> SIGNED = List.of("from", "sender", "reply-to", "to", "cc", "subject", "date",
            "message-id", "in-reply-to", "references", "list-id", "list-post", "list-help", "list-subscribe",
            "list-archive", "mime-version", "content-type", "content-transfer-encoding");

    private final String domain;
    private final List<DkimKey> keys;
    private final Clock clock;

    public DkimSigner(String domain, List<DkimKey> keys, Clock clock) {
        this.domain = domain;
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    /** A signer with no key: mail goes out unsigned. */
    public static DkimSigner none(Clock clock) {
        return new DkimSigner("", List.of(), clock);
    }

    public boolean signs() {
        return !keys.isEmpty();
    }

    /**
     * Prepares the signatures of one message's copies. {@code perCopy} names the header
     * fields each copy may add before the message (e.g. its unsubscribe link), which
     * {@link Prepared#sign} covers too; {@link Prepared#shared} covers the message alone,
     * the same for every copy, and is made once.
     */
    public Prepared prepare(byte[] message, List<String> perCopy) {
        if (keys.isEmpty()) {
            return new Prepared(List.of(), List.of(), new byte[0]);
        }
        Map<String, Canonical.Field> last = new HashMap<>();
        for (Canonical.Field field : Canonical.fields(message)) {
            last.put(field.name().toLowerCase(Locale.ROOT), field); // the bottom-most instance is the one signed
        }
        Set<String> names = new LinkedHashSet<>();
        StringBuilder shared = new StringBuilder();
        for (String name : SIGNED) {
            Canonical.Field field = last.get(name);
            if (field != null) {
                names.add(name);
                shared.append(field.relaxed());
            }
        }
        names.add("from"); // signed even when absent, so none can be added
        Set<String> withCopy = new LinkedHashSet<>(names);
        perCopy.forEach(n -> withCopy.add(n.toLowerCase(Locale.ROOT)));
        String bodyHash = Base64.getEncoder().encodeToString(Canonical.bodyHash(message));
        long now = clock.instant().getEpochSecond();
        return new Prepared(templates(names, bodyHash, now), perCopy.isEmpty() ? List.of() : templates(withCopy, bodyHash, now),
                shared.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<Template> templates(Set<String> names, String bodyHash, long now) {
        List<Template> templates = new ArrayList<>();
        for (DkimKey key : keys) {
            String header = "DKIM-Signature: v=1; a=" + key.algorithm().tag + "; c=relaxed/relaxed; d=" + domain
                    + "; s=" + key.selector() + ";\r\n\tt=" + now + "; h=" + String.join(":", names) + ";\r\n\tbh="
                    + bodyHash + ";\r\n\tb=";
            templates.add(new Template(key, header));
        }
        return templates;
    }

    private static final class Template {
        final DkimKey key;
        final byte[] header;
        final byte[] canonical;
        final Ed25519PrivateKeyParameters ed25519;
        Signature rsa;

        Template(DkimKey key, String header) {
            this.key = key;
            this.header = header.getBytes(StandardCharsets.US_ASCII);
            this.canonical = ("dkim-signature:" + Canonical.relaxedValue(header.substring(header.indexOf(':') + 1)))
                    .getBytes(StandardCharsets.US_ASCII);
            this.ed25519 = key.algorithm() == DkimKey.Algorithm.ED25519 ? key.ed25519() : null;
        }

        byte[] sign(byte[] shared, byte[] copy) {
            try {
                if (ed25519 != null) {
                    var sha = Canonical.sha256();
                    sha.update(shared);
                    sha.update(copy);
                    sha.update(canonical);
                    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
                    ed25519.sign(Ed25519.Algorithm.Ed25519, null, sha.digest(), 0, 32, signature, 0);
                    return signature;
                }
                if (rsa == null) {
                    rsa = Signature.getInstance("SHA256withRSA");
                }
                rsa.initSign(key.privateKey());
                rsa.update(shared);
                rsa.update(copy);
                rsa.update(canonical);
                return rsa.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("DKIM selector " + key.selector() + " cannot sign: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The signatures of one message's copies. Not shared between threads: each outbound
     * worker prepares its own.
     */
    public static final class Prepared {
        private final List<Template> sharedTemplates;
        private final List<Template> copyTemplates;
        private final byte[] shared;
        private byte[] once;

        private Prepared(List<Template> sharedTemplates, List<Template> copyTemplates, byte[] shared) {
            this.sharedTemplates = sharedTemplates;
            this.copyTemplates = copyTemplates;
            this.shared = shared;
        }

        /**
         * The DKIM-Signature lines to put before a copy whose own header lines are
         * {@code copyHeaders} (each ending in CRLF, the fields named at preparation): one
         * signature a key for this copy alone.
         */
        public byte[] sign(byte[] copyHeaders) {
            return copyTemplates.isEmpty() ? shared() : lines(copyTemplates, copyHeaders);
        }

        /** Signatures over the message alone, the same for every copy: made once. */
        public byte[] shared() {
            if (once == null) {
                once = lines(sharedTemplates, new byte[0]);
            }
            return once;
        }

        private byte[] lines(List<Template> templates, byte[] copyHeaders) {
            if (templates.isEmpty()) {
                return new byte[0];
            }
            StringBuilder canonical = new StringBuilder();
            for (Canonical.Field field : Canonical.fields(copyHeaders)) {
                canonical.append(field.relaxed());
            }
            byte[] copy = canonical.toString().getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(512 * templates.size());
            for (Template template : templates) {
                out.writeBytes(template.header);
                out.writeBytes(Base64.getEncoder().encode(template.sign(shared, copy)));
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            return out.toByteArray();
        }
    }
}
