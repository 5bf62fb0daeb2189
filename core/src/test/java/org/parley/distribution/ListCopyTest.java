package org.parley.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.junit.jupiter.api.Test;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.inbound.RawMessage;
import org.parley.model.ForumList;
import org.parley.notices.Templates;
import org.parley.testing.TestData;

class ListCopyTest {
    private static final ForumList LIST = new ForumList("strategies-fr", "strategies", "fr", "National IP strategies");
    private final ListCopy copy = new ListCopy("forum.test", "https://forum.test", "en", new Templates());
    private final PostParser parser = new PostParser("forum.test");

    private byte[] render(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return copy.render(LIST, parser.parse(bytes));
    }

    private static Message parse(byte[] bytes) throws Exception {
        return PostParser.parseMessage(new ByteArrayInputStream(bytes));
    }

    @Test
    void aPlainTextPostGetsListHeadersATagAndAFooterInTheListLanguage() throws Exception {
        byte[] out = render("From: Jean <jean@fr.example>\r\nSubject: Stratégie\r\nMessage-ID: <a@fr.example>\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Bonjour\r\n");
        Message m = parse(out);
        assertEquals("[strategies-fr] Stratégie", PostParser.decoded(PostParser.value(m.getHeader(), "Subject")));
        assertEquals("<a@fr.example>", PostParser.value(m.getHeader(), "Message-ID"));
        assertTrue(PostParser.value(m.getHeader(), "List-Id").endsWith("<strategies-fr.forum.test>"));
        assertEquals("<mailto:strategies-fr@forum.test>", PostParser.value(m.getHeader(), "List-Post"));
        assertTrue(PostParser.value(m.getHeader(), "Archived-At").startsWith("<https://forum.test/lists/strategies-fr/messages/"));
        assertEquals("text/plain", m.getMimeType());
        assertEquals("utf-8", m.getCharset());
        String text = PostParser.firstText(m).replace("\r\n", "\n"); // format=flowed text comes back unflowed
        assertTrue(text.startsWith("Bonjour\n-- \n"), text);
        assertTrue(text.contains("archives : https://forum.test/lists/strategies-fr"), text);
        assertTrue(new String(out, StandardCharsets.ISO_8859_1).contains("format=flowed"));
    }

    @Test
    void aTextMostlyBeyondAsciiGoesOutInBase64AndOneMostlyInAsciiInQuotedPrintable() throws Exception {
        String russian = "Уважаемые коллеги, предлагаем обсудить проект национальной стратегии.\r\n".repeat(100);
        ForumList ru = new ForumList("strategies-ru", "strategies", "ru", "National IP strategies");
        byte[] out = copy.render(ru, parser.parse(("From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + russian)
                .getBytes(StandardCharsets.UTF_8)));
        Message m = parse(out);
        assertEquals("base64", m.getContentTransferEncoding());
        String text = PostParser.firstText(m);
        assertTrue(text.startsWith(russian + "-- \r\n"), text);
        // Quoted-printable would take 2.8 bytes on the wire a byte of this text; base64 takes 1.37.
        assertTrue(out.length < 1.6 * russian.getBytes(StandardCharsets.UTF_8).length, out.length + " bytes");

        Message french = parse(render("From: a@b.example\r\nSubject: x\r\n\r\n"
                + "Les délégations préparent la réunion de décembre.\r\n".repeat(100)));
        assertEquals("quoted-printable", french.getContentTransferEncoding());
    }

    @Test
    void aReplyThatCarriesTheTagDoesNotGetASecondOne() throws Exception {
        byte[] out = render("From: a@b.example\r\nSubject: RE: [strategies-fr] Stratégie\r\n\r\nok\r\n");
        assertEquals("RE: [strategies-fr] Stratégie", parse(out).getSubject());
    }

    @Test
    void anEncodedWordSubjectKeepsItsEncodingBehindTheTag() throws Exception {
        byte[] out = render("From: a@b.example\r\nSubject: =?UTF-8?B?0KHRgtGA0LDRgtC10LPQuNGP?=\r\n\r\nok\r\n");
        assertEquals("[strategies-fr] Стратегия", parse(out).getSubject());
    }

    @Test
    void aMultipartMixedPostGetsAFooterPartBeforeItsClosingBoundary() throws Exception {
        byte[] out = render("From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--XX--\r\n");
        Multipart parts = (Multipart) parse(out).getBody();
        assertEquals(3, parts.getBodyParts().size());
        assertEquals("application/pdf", parts.getBodyParts().get(1).getMimeType());
        assertTrue(PostParser.firstText(parts.getBodyParts().get(2)).contains("strategies-fr@forum.test"));
    }

    @Test
    void anHtmlOnlyPostIsWrappedWithTheFooterBesideIt() throws Exception {
        byte[] out = render("From: a@b.example\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<p>Hola</p>\r\n");
        Message m = parse(out);
        assertEquals("multipart/mixed", m.getMimeType());
        Multipart parts = (Multipart) m.getBody();
        assertEquals("text/html", parts.getBodyParts().get(0).getMimeType());
        assertEquals("text/plain", parts.getBodyParts().get(1).getMimeType());
    }

    @Test
    void aSignedMessageStaysByteForByteWhatItsAuthorSigned() throws Exception {
        Path signed = TestData.corpus().resolve("mimekit/smime/thunderbird-signed.txt");
        byte[] raw = Files.readAllBytes(signed);
        byte[] out = copy.render(LIST, parser.parse(raw));
        Message m = parse(out);
        assertEquals("multipart/mixed", m.getMimeType());
        assertEquals("multipart/signed", ((Multipart) m.getBody()).getBodyParts().get(0).getMimeType());
        byte[] body = RawMessage.parse(raw).body();
        assertTrue(indexOf(out, body) >= 0, "the signed body must appear unchanged in the list copy");
    }

    @Test
    void everyRealMessageRendersToAParseableCopyWithAFooter() throws Exception {
        for (Path file : TestData.emls("mail-parser/eml")) {
            byte[] raw = Files.readAllBytes(file);
            Post post = parser.parse(raw);
            byte[] out = copy.render(LIST, post);
            if (!post.readable()) {
                continue; // Mime4j cannot read the original either; rendering it must just not fail
            }
            Message m;
            try {
                m = parse(out);
            } catch (RuntimeException e) {
                throw new AssertionError(file + ": " + e + "\n" + new String(out, StandardCharsets.ISO_8859_1), e);
            }
            assertNotNull(m.getSubject(), file.toString());
            assertTrue(new String(out, StandardCharsets.ISO_8859_1).contains("List-Id:"), file.toString());
            assertFalse(new String(out, StandardCharsets.ISO_8859_1).contains("X-Parley-Rule-Hits"), file.toString());
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void rawMessageKeepsFieldsExactly() {
        byte[] raw = "A: 1\r\nB: two\r\n folded\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        RawMessage m = RawMessage.parse(raw);
        assertEquals(2, m.fields().size());
        assertEquals("two folded", m.fields().get(1).value());
        assertArrayEquals("body".getBytes(StandardCharsets.US_ASCII), m.body());
        assertArrayEquals(Arrays.copyOf(raw, 6), m.fields().get(0).raw());
    }
}
