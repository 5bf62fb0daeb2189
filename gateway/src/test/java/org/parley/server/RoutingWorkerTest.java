package org.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.store.Arrivals;

/** How waiting arrivals are cut into groups, each routed in one transaction with its messages read together. */
class RoutingWorkerTest {
    private static final long MB = 1L << 20;

    @Test
    void aBurstOfSmallPostsGoesInGroupsOfSixteenInOrder() {
        List<Arrivals.Waiting> waiting = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
            waiting.add(new Arrivals.Waiting(id, 5_000));
        }
        List<List<Long>> groups = RoutingWorker.groups(waiting);
        assertEquals(List.of(16, 16, 8), groups.stream().map(List::size).toList());
        assertEquals(1L, groups.get(0).get(0));
        assertEquals(40L, groups.get(2).get(7));
    }

    @Test
    void aLargeMessageGoesAloneAndAGroupsBytesStayUnderTheBound() {
        List<Arrivals.Waiting> waiting = List.of(new Arrivals.Waiting(1, MB), new Arrivals.Waiting(2, 2 * MB),
                new Arrivals.Waiting(3, 20 * MB), new Arrivals.Waiting(4, MB), new Arrivals.Waiting(5, 3 * MB),
                new Arrivals.Waiting(6, MB));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L), List.of(4L, 5L), List.of(6L)),
                RoutingWorker.groups(waiting));
    }
}
