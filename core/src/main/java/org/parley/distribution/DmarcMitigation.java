package org.parley.distribution;

import java.util.Locale;
import org.parley.config.Settings;
import org.parley.dmarc.DmarcPolicies;
import org.parley.model.ForumList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a list copy must go out From the list rather than from its author: a copy changes
 * the author's subject and body, so their DKIM signature no longer verifies, and a domain
 * that publishes {@code p=reject} (or {@code quarantine}) has its mail refused or junked.
 */
public final class DmarcMitigation {
    private static final Logger LOG = LoggerFactory.getLogger(DmarcMitigation.class);

    private final Settings.DmarcRewrite from;
    private final Settings.DmarcAction action;
    private final DmarcPolicies policies;

    public DmarcMitigation(Settings.DmarcRewrite from, Settings.DmarcAction action, DmarcPolicies policies) {
        this.from = from;
        this.action = action;
        this.policies = policies;
    }

    /** Copies go out as their authors wrote them. */
    public static DmarcMitigation never() {
        return new DmarcMitigation(Settings.DmarcRewrite.NEVER, Settings.DmarcAction.MUNGE, null);
    }

    /** How this post's copies on this list go out: as written, or From the list as the list (or the forum) says. */
    public ListCopy.Rewrite rewrite(ForumList list, String messageId, String author) {
        if (from == Settings.DmarcRewrite.NEVER) {
            return ListCopy.Rewrite.NONE;
        }
        boolean rewrite;
        DmarcPolicies.Policy policy = DmarcPolicies.Policy.ABSENT;
        if (from == Settings.DmarcRewrite.ALWAYS) {
            rewrite = true;
        } else {
            policy = policies.of(author.substring(author.lastIndexOf('@') + 1));
            rewrite = switch (from) {
                case REJECT -> policy == DmarcPolicies.Policy.REJECT;
                case QUARANTINE -> policy == DmarcPolicies.Policy.REJECT || policy == DmarcPolicies.Policy.QUARANTINE;
                default -> policy != DmarcPolicies.Policy.ABSENT;
            };
        }
        if (!rewrite) {
            return ListCopy.Rewrite.NONE;
        }
        Settings.DmarcAction chosen = list.dmarcAction().map(Settings.DmarcAction::valueOf).orElse(action);
        LOG.info("dmarc from rewritten list={} message-id={} author={} policy={} action={}", list.name(), messageId, author,
                policy.name().toLowerCase(Locale.ROOT), chosen.name().toLowerCase(Locale.ROOT));
        return switch (chosen) {
            case WRAP -> ListCopy.Rewrite.WRAP;
            case MUNGE_CC -> ListCopy.Rewrite.MUNGE_CC;
            default -> ListCopy.Rewrite.MUNGE;
        };
    }
}
