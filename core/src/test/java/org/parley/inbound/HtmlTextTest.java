package org.parley.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** HTML read as a mail client shows it as text: quotations marked as such, hidden text gone. */
class HtmlTextTest {
    @Test
    void paragraphsAndBreaksBecomeLines() {
        assertEquals("approve\nThanks,\nAna", HtmlText.toText("<html><body><p>approve</p><div>Thanks,<br>Ana</div>"));
    }

    @Test
    void aBlockquoteIsQuoted() {
        String text = HtmlText.toText("<p>Looks fine.</p><blockquote type=cite><p>Bonjour</p><p>approve</p></blockquote>");
        assertEquals("Looks fine.\n> Bonjour\n> approve", text);
    }

    @Test
    void gmailQuotesAreQuoted() {
        String text = HtmlText.toText("<div dir=ltr>ok</div><div class=gmail_quote><div class=gmail_attr>On Tue, Ana wrote:"
                + "</div><blockquote class=gmail_quote>approve</blockquote></div>");
        assertTrue(text.startsWith("ok\n> On Tue, Ana wrote:"), text);
        assertTrue(text.contains("> > approve"), text);
    }

    @Test
    void everythingAfterOutlooksReplyHeaderIsQuotedThoughItIsNotInsideIt() {
        String text = HtmlText.toText("<div>Not now</div><hr><div id=divRplyFwdMsg><b>From:</b> Parley</div>"
                + "<div><p>approve</p></div><div>more of the original</div>");
        assertEquals("Not now\n> From: Parley\n> approve\n> more of the original", text);
    }

    @Test
    void scriptsStylesAndEntitiesAreHandledAsABrowserWould() {
        String text = HtmlText.toText("<style>p{}</style><script>approve()</script><p>caf&eacute; &amp; th&eacute;&nbsp;!</p>"
                + "<!-- approve -->");
        assertEquals("café & thé !", text);
        assertFalse(text.contains("approve"));
    }
}
