package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;

/** Attachment names as RFC 2231 writes them (charset, language, continuations) and as RFC 2047 does. */
class Rfc2231Test {
    private static List<MimeParts.Part> parts(String disposition) throws Exception {
        String raw = "From: a@b.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ntext\r\n--b\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment;\r\n " + disposition + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "JVBERi0=\r\n--b--\r\n";
        Message m = PostParser.parseMessage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        return MimeParts.leaves(m);
    }

    @Test
    void extendedAndContinuedParametersDecode() throws Exception {
        assertEquals("Отчёт 2026.pdf", parts("filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202026.pdf").get(1).filename());
        assertEquals("تقرير.pdf", parts("filename*=utf-8'ar'%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf").get(1).filename());
        assertEquals("报告-年度.pdf", parts("filename*0*=UTF-8''%E6%8A%A5%E5%91%8A;\r\n filename*1*=-%E5%B9%B4%E5%BA%A6.pdf")
                .get(1).filename());
        assertEquals("Résumé.pdf", parts("filename=\"=?ISO-8859-1?Q?R=E9sum=E9.pdf?=\"").get(1).filename());
    }
}
