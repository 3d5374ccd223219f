package io.metaloop.sampler;

import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The incremental ranking must equal a ranking from scratch, whatever arrives in what order. */
class TrialRankingTest {

    private record History(List<FrozenTrial> trials, Direction direction) implements StudyHistory {
        @Override
        public List<Direction> directions() {
            return List.of(direction);
        }

        @Override
        public SearchSpace declaredSpace() {
            return SearchSpace.empty();
        }
    }

    private static FrozenTrial random(long idBase, int number, SplittableRandom rng) {
        TrialState state = TrialState.values()[rng.nextInt(4)];
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, io.metaloop.space.Distribution> ds = new LinkedHashMap<>();
        params.put("x", rng.nextDouble());
        ds.put("x", FloatDistribution.of(0, 1));
        if (rng.nextBoolean()) {
            params.put("k", 1 + rng.nextInt(3));
            ds.put("k", IntDistribution.of(1, 3));
        }
        TreeMap<Integer, Double> steps = new TreeMap<>();
        if (state == TrialState.PRUNED) {
            for (int s = 0; s < rng.nextInt(4); s++) {
                steps.put(s, (double) rng.nextInt(5));
            }
        }
        List<Double> values = state == TrialState.COMPLETE ? List.of((double) rng.nextInt(20)) : List.of();
        return new FrozenTrial(idBase + number, number, state, values, null, null, params, ds, Map.of(), Map.of(), steps);
    }

    @Test
    void incrementalRankingEqualsRankingFromScratch() {
        for (Direction direction : Direction.values()) {
            SplittableRandom rng = new SplittableRandom(direction.ordinal());
            TrialRanking ranking = new TrialRanking();
            List<FrozenTrial> trials = new ArrayList<>();
            for (int n = 0; n < 120; n++) {
                trials.add(random(1000, n, rng));
                History h = new History(List.copyOf(trials), direction);
                TrialRanking.Snapshot s = ranking.of(h, n, true);
                assertEquals(GoodBadSplit.rank(h.trials(), direction, n, true), s.ranked(), "after trial " + n);
                assertEquals(JointSearchSpace.of(h.trials()), s.jointSpace());
                assertEquals(s.ranked().stream().sorted(java.util.Comparator.comparingInt(FrozenTrial::number)).toList(),
                        s.byNumber());
                assertSame(s, ranking.of(h, n, true), "the same history and trial give the same snapshot");
            }
        }
    }

    @Test
    void startsOverForTrialsOfAnotherStudy() {
        SplittableRandom rng = new SplittableRandom(3);
        List<FrozenTrial> a = new ArrayList<>();
        List<FrozenTrial> b = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            a.add(random(0, n, rng));
            b.add(random(0, n, rng)); // same ids, different outcomes
        }
        TrialRanking ranking = new TrialRanking();
        History ha = new History(a, Direction.MINIMIZE);
        History hb = new History(b, Direction.MINIMIZE);
        TrialRanking.Snapshot first = ranking.of(ha, 30, false);
        TrialRanking.Snapshot second = ranking.of(hb, 30, false);
        assertNotSame(first, second);
        assertEquals(GoodBadSplit.rank(b, Direction.MINIMIZE, 30, false), second.ranked());
        // a history that lost trials seen before is not a continuation either
        History shorter = new History(a.subList(0, 10), Direction.MINIMIZE);
        ranking.of(ha, 30, false);
        assertEquals(GoodBadSplit.rank(shorter.trials(), Direction.MINIMIZE, 30, false), ranking.of(shorter, 30, false).ranked());
    }
}
