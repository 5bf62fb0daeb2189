package org.parley.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.model.ArchivedMessage;

/**
 * A thread's messages as a tree for display: each message under the nearest message it
 * names (In-Reply-To first, then References from the nearest back) that is in the thread;
 * messages that name none of them hang under the first message.
 */
public final class ThreadTree {
    /** A message and how deep it sits. */
    public record Node(ArchivedMessage message, int depth) {
    }

    private ThreadTree() {
    }

    /** Depth-first, children in date order; messages must come in date order. */
    public static List<Node> build(List<ArchivedMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, ArchivedMessage> byId = new HashMap<>();
        for (ArchivedMessage m : messages) {
            byId.putIfAbsent(m.messageId(), m);
        }
        ArchivedMessage root = messages.get(0);
        Map<Long, List<ArchivedMessage>> children = new LinkedHashMap<>();
        for (ArchivedMessage m : messages) {
            if (m == root) {
                continue;
            }
            ArchivedMessage parent = parentOf(m, byId);
            children.computeIfAbsent((parent == null || parent == m ? root : parent).id(), k -> new ArrayList<>()).add(m);
        }
        List<Node> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        walk(root, 0, children, out, seen);
        for (ArchivedMessage m : messages) {
            if (!seen.contains(m.id())) {
                walk(m, 1, children, out, seen); // caught in a References loop: still shown
            }
        }
        return out;
    }

    private static ArchivedMessage parentOf(ArchivedMessage m, Map<String, ArchivedMessage> byId) {
        if (!m.inReplyTo().isEmpty() && byId.containsKey(m.inReplyTo())) {
            return byId.get(m.inReplyTo());
        }
        List<String> refs = m.references().isBlank() ? List.of() : Arrays.asList(m.references().split(" "));
        for (int i = refs.size() - 1; i >= 0; i--) {
            ArchivedMessage found = byId.get(refs.get(i));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void walk(ArchivedMessage m, int depth, Map<Long, List<ArchivedMessage>> children, List<Node> out,
                             Set<Long> seen) {
        if (!seen.add(m.id())) {
            return; // a loop in broken References: show each message once
        }
        out.add(new Node(m, depth));
        for (ArchivedMessage child : children.getOrDefault(m.id(), List.of())) {
            walk(child, depth + 1, children, out, seen);
        }
    }
}
