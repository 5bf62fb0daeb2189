package org.parley.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.DkimCheck;
import org.parley.testing.MutableClock;

class DkimSignerTest {
    @TempDir
    Path dir;

    /** Folded and 8-bit headers, white space runs, trailing blank lines: what relaxed canonicalisation is for. */
    private static final byte[] MESSAGE = ("From: =?utf-8?q?Jos=C3=A9?= <jose@ministerio.es>\r\n"
            + "To: strategies-es@forum.example\r\n"
            + "Subject: [strategies-es]   Propuesta\r\n\tde  calendario\r\n"
            + "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <a1@ministerio.es>\r\n"
            + "List-Id: \"Strategies (es)\" <strategies-es.forum.example>\r\n"
            + "X-Note: caf\u00e9\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Buenos d\u00edas,   \r\n\r\nla propuesta\tsigue.\t \r\n\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    private static byte[] links(String token) {
        return ("List-Unsubscribe: <https://forum.example/unsubscribe/" + token + ">,\r\n"
                + " <mailto:strategies-es-request@forum.example?subject=leave>\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] copy(byte[] signatures, byte[] links, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signatures);
        out.writeBytes(links);
        out.writeBytes(message);
        return out.toByteArray();
    }

    private DkimSigner signer(DkimKey... keys) {
        return new DkimSigner("forum.example", List.of(keys), new MutableClock(Instant.parse("2026-12-01T10:00:00Z")));
    }

    @Test
    void eachCopyWithItsOwnLinkVerifiesWithJdkimAndDkimpy() throws Exception {
        DkimKey rsa = DkimKey.generate(dir, "rsa2026", DkimKey.Algorithm.RSA);
        DkimKey ed = DkimKey.generate(dir, "ed2026", DkimKey.Algorithm.ED25519);
        Map<String, String> records = Map.of("rsa2026", rsa.dnsRecord(), "ed2026", ed.dnsRecord());
        DkimSigner.Prepared prepared = signer(rsa, ed).prepare(MESSAGE, List.of("List-Unsubscribe", "List-Unsubscribe-Post"));

        for (String token : List.of("aaaa1111", "bbbb2222")) {
            byte[] links = links(token);
            byte[] signed = copy(prepared.sign(links), links, MESSAGE);
            assertTrue(new String(signed, StandardCharsets.ISO_8859_1).contains(
                    "h=from:to:subject:date:message-id:list-id:mime-version:content-type:list-unsubscribe:list-unsubscribe-post;"));
            assertEquals(List.of("rsa2026"), DkimCheck.jdkim(signed, records));
            assertTrue(DkimCheck.dkimpy(signed, records, dir), "dkimpy verifies the rsa and the ed25519 signature");
        }
        // Another copy's link under this copy's signatures: the unsubscribe link is covered.
        byte[] stolen = copy(prepared.sign(links("aaaa1111")), links("cccc3333"), MESSAGE);
        assertThrows(FailException.class, () -> DkimCheck.jdkim(stolen, records));
        assertFalse(DkimCheck.dkimpy(stolen, records, dir));
    }

    @Test
    void aMessageWithoutCopyFieldsIsSignedOnceAndABodyChangeBreaksIt() throws Exception {
        DkimKey rsa = DkimKey.generate(dir, "sel", DkimKey.Algorithm.RSA);
        DkimSigner.Prepared prepared = signer(rsa).prepare(MESSAGE, List.of());
        byte[] first = prepared.sign(new byte[0]);
        assertTrue(first == prepared.sign(new byte[0]), "made once, for every copy");
        Map<String, String> records = Map.of("sel", rsa.dnsRecord());
        assertEquals(List.of("sel"), DkimCheck.jdkim(copy(first, new byte[0], MESSAGE), records));
        byte[] changed = new String(MESSAGE, StandardCharsets.ISO_8859_1).replace("propuesta", "Propuesta")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(FailException.class, () -> DkimCheck.jdkim(copy(first, new byte[0], changed), records));
    }

    @Test
    void keysAreWrittenOnceReadBackAndNamedWhenMissing() throws IOException {
        DkimKey ed = DkimKey.generate(dir, "k1", DkimKey.Algorithm.ED25519);
        assertTrue(ed.dnsRecord().matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}="), ed.dnsRecord());
        DkimKey back = DkimKey.load(dir, "k1");
        assertEquals(DkimKey.Algorithm.ED25519, back.algorithm());
        assertEquals(ed.dnsRecord(), back.dnsRecord());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(DkimKey.file(dir, "k1"))));
        assertThrows(IllegalArgumentException.class, () -> DkimKey.generate(dir, "k1", DkimKey.Algorithm.RSA));
        assertThrows(IllegalArgumentException.class, () -> DkimKey.generate(dir, "bad selector", DkimKey.Algorithm.RSA));
        IOException missing = assertThrows(IOException.class, () -> DkimKey.load(dir, "nope"));
        assertTrue(missing.getMessage().contains("parley dkim keygen --selector nope"), missing.getMessage());
        Files.writeString(DkimKey.file(dir, "junk"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThrows(IOException.class, () -> DkimKey.load(dir, "junk"));
    }
}
