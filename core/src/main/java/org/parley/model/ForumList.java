package org.parley.model;

import java.util.Optional;

/** One room in one language: {@code strategies-fr@forum.example.org}. */
public record ForumList(String name, String roomId, String language, String roomTitle,
                        Optional<NonMemberAction> nonMember) {

    public ForumList(String name, String roomId, String language, String roomTitle) {
        this(name, roomId, language, roomTitle, Optional.empty());
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
