package org.parley.e2e;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;

/** Moderator replies as real clients write them. */
final class Replies {
    private Replies() {
    }

    static String replyAddress(MimeMessage notice) throws MessagingException {
        return ((InternetAddress) notice.getReplyTo()[0]).getAddress();
    }

    /** Outlook: top-posted, multipart/alternative, the original quoted under a rule, "RE:" prefix. */
    static String outlook(String from, MimeMessage notice, String command) throws MessagingException {
        return outlookTo(from, replyAddress(notice), notice, command);
    }

    static String outlookTo(String from, String to, MimeMessage notice, String command) throws MessagingException {
        String subject = encode("RE: " + notice.getSubject());
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + System.nanoTime() + ".outlook@secretariat.test>\r\n"
                + "In-Reply-To: " + notice.getMessageID() + "\r\nThread-Index: AdtQ1yX0abcdEFGH==\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"_000_outlook_\"\r\n\r\n"
                + "--_000_outlook_\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + command + "\r\n\r\n________________________________\r\n"
                + "From: Parley forum <strategies-fr-owner@forum.test>\r\nSent: Tuesday, November 24, 2026 10:01 AM\r\n"
                + "To: Ana Moderator <moderator@secretariat.test>\r\nSubject: " + notice.getSubject() + "\r\n\r\n"
                + "A message to strategies-fr@forum.test is waiting for your decision.\r\n"
                + "  approve    send it to the list\r\n  reject     return it to the author\r\n"
                + "--_000_outlook_\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "<html><head><style>p{margin:0}</style></head><body><div>" + command + "</div>"
                + "<hr><div><b>From:</b> Parley forum<br><b>Subject:</b> held</div><p>approve send it</p></body></html>\r\n"
                + "--_000_outlook_--\r\n";
    }

    /** HTML only, as some webmails send, with a localised prefix such as RV: or AW:. */
    static String htmlOnly(String from, MimeMessage notice, String prefix, String command) throws MessagingException {
        return "From: " + from + "\r\nTo: " + replyAddress(notice) + "\r\nSubject: " + encode(prefix + " " + notice.getSubject())
                + "\r\nMessage-ID: <" + System.nanoTime() + ".web@secretariat.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<div dir=3D\"ltr\"><b>" + command + "</b>&nbsp;</div><br><div class=3D\"gmail_quote\">"
                + "<blockquote>approve send it to the list</blockquote></div>\r\n";
    }

    static String encode(String text) {
        try {
            return MimeUtility.encodeText(text, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
