package io.metaloop.sampler;

import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.metaloop.sampler.GenerationLedger.Member;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders a breeding pool best first. COMPLETE trials come first: with one direction by value;
 * with several by NSGA-II's crowded comparison — non-dominated rank ({@link Pareto#rank}), then
 * crowding distance within the rank's front ({@link Pareto#crowdingDistance}), larger first.
 * Then PRUNED trials, as TPE ranks them: the further a trial got the better, then by its last
 * reported value ({@link GoodBadSplit#ranking}). Then everything else — failures, rejected
 * proposals — worst of all. Ties go to the lower trial number.
 *
 * <p>Jenetics' {@code NSGA2Selector} computes crowding distances over the whole pool at once;
 * Deb et al. compute them per front, which is what this class does with the same building blocks.
 */
final class EvolutionRanking {

    /** Values beyond this are clamped so that crowding distances stay finite. */
    private static final double HUGE = 1e300;

    private EvolutionRanking() {
    }

    /** The pool, best first. */
    static List<Member> rank(List<Member> pool, List<Direction> directions) {
        List<Member> complete = new ArrayList<>();
        List<Member> pruned = new ArrayList<>();
        List<Member> rest = new ArrayList<>();
        for (Member m : pool) {
            FrozenTrial t = m.trial();
            if (t.state() == TrialState.COMPLETE && t.values().size() == directions.size()) {
                complete.add(m);
            } else if (t.state() == TrialState.PRUNED) {
                pruned.add(m);
            } else {
                rest.add(m);
            }
        }
        List<Member> out = new ArrayList<>(pool.size());
        out.addAll(directions.size() == 1 ? byRanking(complete, directions.get(0)) : crowded(complete, directions));
        out.addAll(byRanking(pruned, directions.get(0)));
        rest.sort(Comparator.comparingInt(m -> m.trial().number()));
        out.addAll(rest);
        return out;
    }

    /**
     * The first {@code n} of {@code ranked} (best first) taking at most {@code perSpecies} of
     * one {@link Species} then, if that leaves places, the best of those passed over; in rank order.
     */
    static List<Member> diverse(List<Member> ranked, int n, int perSpecies) {
        Map<Object, Integer> counts = new HashMap<>();
        boolean[] taken = new boolean[ranked.size()];
        int left = n;
        for (int i = 0; i < ranked.size() && left > 0; i++) {
            if (counts.merge(Species.of(ranked.get(i).trial()), 1, Integer::sum) <= perSpecies) {
                taken[i] = true;
                left--;
            }
        }
        for (int i = 0; i < ranked.size() && left > 0; i++) {
            if (!taken[i]) {
                taken[i] = true;
                left--;
            }
        }
        List<Member> out = new ArrayList<>(n);
        for (int i = 0; i < ranked.size(); i++) {
            if (taken[i]) {
                out.add(ranked.get(i));
            }
        }
        return out;
    }

    private static List<Member> byRanking(List<Member> members, Direction direction) {
        Comparator<FrozenTrial> order = GoodBadSplit.ranking(direction);
        List<Member> out = new ArrayList<>(members);
        out.sort((a, b) -> order.compare(a.trial(), b.trial()));
        return out;
    }

    /** NSGA-II's order of COMPLETE trials with several values. */
    private static List<Member> crowded(List<Member> members, List<Direction> directions) {
        int n = members.size();
        List<Vec<double[]>> vecs = new ArrayList<>(n);
        for (Member m : members) {
            double[] v = new double[directions.size()];
            for (int i = 0; i < v.length; i++) {
                // Vec's dominance maximises every element
                double max = -directions.get(i).toMinimization(m.trial().values().get(i));
                v[i] = Math.max(-HUGE, Math.min(HUGE, max));
            }
            vecs.add(Vec.of(v));
        }
        int[] rank = Pareto.rank(ISeq.of(vecs));
        double[] crowding = new double[n];
        int fronts = 0;
        for (int r : rank) {
            fronts = Math.max(fronts, r + 1);
        }
        for (int f = 0; f < fronts; f++) {
            List<Integer> front = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rank[i] == f) {
                    front.add(i);
                }
            }
            double[] d = Pareto.crowdingDistance(ISeq.of(front.stream().map(vecs::get).toList()));
            for (int j = 0; j < d.length; j++) {
                crowding[front.get(j)] = d[j];
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> rank[i])
                .thenComparing(i -> crowding[i], Comparator.reverseOrder())
                .thenComparingInt(i -> members.get(i).trial().number()));
        return order.stream().map(members::get).toList();
    }
}
