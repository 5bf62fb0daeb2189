package org.parley.distribution;

import java.util.Locale;
import org.parley.config.Settings;
import org.parley.dmarc.DmarcPolicies;
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

    public ListCopy.Rewrite rewrite(String list, String messageId, String author) {
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
        LOG.info("dmarc from rewritten list={} message-id={} author={} policy={} action={}", list, messageId, author,
                policy.name().toLowerCase(Locale.ROOT), action.name().toLowerCase(Locale.ROOT));
        return action == Settings.DmarcAction.WRAP ? ListCopy.Rewrite.WRAP : ListCopy.Rewrite.MUNGE;
    }
}
