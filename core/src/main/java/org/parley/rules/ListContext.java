package org.parley.rules;

import java.util.Optional;
import org.parley.config.Settings;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.Member;
import org.parley.model.Subscription;

/**
 * What the rules may know about the list a post came to and its sender, looked up once
 * before the chain runs so that rules stay pure questions: the discussion the post's
 * thread belongs to, if any, and a guest sender's invitation.
 */
public record ListContext(ForumList list, String domain, Optional<Member> sender, Optional<Subscription> subscription,
                          boolean seenBefore, Settings.Moderation moderation, Optional<Discussion> discussion,
                          Optional<Invitation> invitation) {

    public ListContext(ForumList list, String domain, Optional<Member> sender, Optional<Subscription> subscription,
                       boolean seenBefore, Settings.Moderation moderation) {
        this(list, domain, sender, subscription, seenBefore, moderation, Optional.empty(), Optional.empty());
    }
}
