package org.parley.model;

import java.util.Optional;

/**
 * One room in one language: {@code strategies-fr@forum.example.org}.
 *
 * @param summaryLines empty: copies carry the whole post; present: they carry a summary
 *                     (author, delegation, subject, this many lines of the text, possibly none,
 *                     and a link to the message behind login), never the rest or the files
 * @param digestDays   days between two digests of this list (1: daily, 7: weekly); empty:
 *                     the forum's {@code parley.digest.interval-days}
 * @param dmarcAction  how this list's copies go out when the author's DMARC policy asks
 *                     (munge, munge_cc, wrap); empty: the forum's {@code parley.dmarc.action}
 */
public record ForumList(String name, String roomId, String language, String roomTitle,
                        Optional<NonMemberAction> nonMember, Optional<Integer> summaryLines, Optional<Integer> digestDays,
                        Optional<String> dmarcAction) {

    public ForumList(String name, String roomId, String language, String roomTitle,
                     Optional<NonMemberAction> nonMember, Optional<Integer> summaryLines, Optional<Integer> digestDays) {
        this(name, roomId, language, roomTitle, nonMember, summaryLines, digestDays, Optional.empty());
    }

    public ForumList(String name, String roomId, String language, String roomTitle,
                     Optional<NonMemberAction> nonMember, Optional<Integer> summaryLines) {
        this(name, roomId, language, roomTitle, nonMember, summaryLines, Optional.empty());
    }

    public ForumList(String name, String roomId, String language, String roomTitle) {
        this(name, roomId, language, roomTitle, Optional.empty(), Optional.empty());
    }

    public ForumList(String name, String roomId, String language, String roomTitle, Optional<NonMemberAction> nonMember) {
        this(name, roomId, language, roomTitle, nonMember, Optional.empty());
    }

    /** The address members post to. */
    public String postAddress(String domain) {
        return name + "@" + domain;
    }

    /** An address of this list for another purpose, e.g. {@code -request}. */
    public String address(ListAddress.Kind kind, String domain) {
        return new ListAddress(name, kind, "").format(domain);
    }

    /** The List-Id value (RFC 2919): the list name and the domain, dot-joined. */
    public String listId(String domain) {
        return name + "." + domain;
    }
}
