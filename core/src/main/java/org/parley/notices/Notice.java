package org.parley.notices;

import java.util.Optional;

/**
 * A message the forum writes to one person.
 *
 * @param from       the address it comes from (a list's -owner or -request address)
 * @param replyTo    where replies go, e.g. the moderation address with its token
 * @param inReplyTo  the Message-ID it answers, if any, so clients thread it
 * @param attachment a message to attach as message/rfc822, if any
 */
public record Notice(String from, String fromName, String to, Optional<String> replyTo, Templates.Text text,
                     Optional<String> inReplyTo, Optional<byte[]> attachment) {
}
