package org.parley.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.inbound.Post;

/**
 * The moderation policy, read top to bottom like a firewall table: the first rule that
 * decides ends the chain. Adding a rule is one class and one line here.
 */
public final class Chain {
    private final List<Rule> rules;

    public Chain(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The forum's chain. */
    public static Chain standard() {
        return new Chain(List.of(
                new Unreadable(),
                new LoopDetected(),
                new AutomaticReply(),
                new DuplicateMessage(),
                new NoSender(),
                new TooBig(),
                new GuestInDiscussion(),
                new NonMember(),
                new ClosedDiscussion(),
                new ModerateUntrusted()));
    }

    public Verdict run(Post post, ListContext list) {
        List<String> hits = new ArrayList<>();
        for (Rule rule : rules) {
            Optional<Decision> decision = rule.judge(post, list);
            if (decision.isPresent()) {
                hits.add(rule.name());
                return new Verdict(decision.get(), hits);
            }
        }
        return new Verdict(new Decision.Accept(), hits);
    }

    public List<String> names() {
        return rules.stream().map(Rule::name).toList();
    }
}
