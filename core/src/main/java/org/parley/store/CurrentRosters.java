package org.parley.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.model.Delivery;

/**
 * The rosters one transaction has found current, so that a group of posts to one list
 * (a burst routed in one transaction, a moderator approving several) asks for the list's
 * roster once, not once a post. Forgotten for a list as soon as the transaction changes
 * who receives its mail ({@link Members#rosterChanged}). A subscription another
 * transaction commits meanwhile reaches the next transaction's posts, as it would have
 * had these been routed a moment earlier.
 */
final class CurrentRosters {
    private final Map<String, Rosters.Roster> found = new HashMap<>();

    Optional<Rosters.Roster> get(String list, Delivery delivery) {
        return Optional.ofNullable(found.get(key(list, delivery)));
    }

    void put(String list, Delivery delivery, Rosters.Roster roster) {
        found.put(key(list, delivery), roster);
    }

    void changed(String list) {
        for (Delivery delivery : Delivery.values()) {
            found.remove(key(list, delivery));
        }
    }

    private static String key(String list, Delivery delivery) {
        return delivery.name() + ' ' + list;
    }
}
