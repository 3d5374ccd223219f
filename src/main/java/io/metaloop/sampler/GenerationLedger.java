package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trials of one evolutionary search by generation and index, read from their
 * {@link EvolutionStep} attributes (and, for this process's trials whose attribute is not stored
 * yet, from the steps it proposed). An index is <em>taken</em> by a running or finished trial;
 * a trial that was interrupted or whose worker was lost gives its index back, so it is proposed
 * again. So does a proposal rejected before training (over {@code max-params}), up to
 * {@value #RETRIES} times per index: the index is then proposed with another genotype
 * ({@link #rejections}), so that a generation's members are networks that were trained. A random
 * genotype of a layout space is over the limit more often than not (about 60% of the flagship
 * study's), and a generation 0 whose places those took was bred from its two or three trained
 * members. When several trials hold one index (two processes that raced for it), a finished one is
 * the index's member: COMPLETE before PRUNED before FAIL, then the lower trial number.
 */
final class GenerationLedger {

    /**
     * A finished trial and the genotype it evaluated.
     *
     * @param trial the trial (COMPLETE, PRUNED or FAIL)
     * @param x     its genotype
     */
    record Member(FrozenTrial trial, double[] x) {
    }

    private static final Comparator<Member> PREFERRED = Comparator
            .comparingInt((Member m) -> switch (m.trial().state()) {
                case COMPLETE -> 0;
                case PRUNED -> 1;
                default -> 2;
            })
            .thenComparingInt(m -> m.trial().number());

    /** How many rejected proposals an index gives back before the next one holds it. */
    static final int RETRIES = 10;

    private final int population;
    /** Per generation, per index: the genotypes of the rejected proposals that gave the index back, in trial order. */
    private final Map<Integer, Map<Integer, List<double[]>>> rejected = new HashMap<>();
    /** Per generation, per index: the member, or null while only running trials hold it. */
    private final Map<Integer, Map<Integer, Member>> slots = new HashMap<>();
    /** Per generation, per index: the genotype of the trials holding it. */
    private final Map<Integer, Map<Integer, double[]>> genotypes = new HashMap<>();
    /** The genotypes of the running trials. */
    private final List<double[]> running = new ArrayList<>();

    GenerationLedger(String space, int population, List<FrozenTrial> trials, Map<Long, EvolutionStep> proposed) {
        this.population = population;
        Set<Long> seen = new HashSet<>();
        for (FrozenTrial t : trials) {
            seen.add(t.id());
            EvolutionStep step = EvolutionStep.of(t)
                    .orElse(t.state() == TrialState.RUNNING ? proposed.get(t.id()) : null);
            if (step == null || !step.belongsTo(space, population)) {
                continue;
            }
            switch (t.state()) {
                case RUNNING -> take(step, null);
                case COMPLETE, PRUNED -> take(step, new Member(t, step.x()));
                case FAIL -> {
                    if (t.isRejected() && rejections(step.gen(), step.index()) < RETRIES) {
                        rejected.computeIfAbsent(step.gen(), g -> new TreeMap<>())
                                .computeIfAbsent(step.index(), k -> new ArrayList<>()).add(step.x());
                    } else if (!isLost(t)) {
                        take(step, new Member(t, step.x()));
                    }
                }
                default -> {
                    // WAITING trials never carry a step
                }
            }
        }
        for (Map.Entry<Long, EvolutionStep> e : proposed.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().belongsTo(space, population)) {
                take(e.getValue(), null);
            }
        }
    }

    /** A failure that says nothing about its point: the trial was interrupted or its worker lost. */
    static boolean isLost(FrozenTrial t) {
        String reason = t.failReason();
        return t.state() == TrialState.FAIL && Boolean.TRUE.equals(t.systemAttrs().get(SystemAttrs.BUDGET_EXEMPT))
                && (SystemAttrs.REASON_INTERRUPTED.equals(reason) || SystemAttrs.REASON_WORKER_LOST.equals(reason));
    }

    private void take(EvolutionStep step, Member member) {
        genotypes.computeIfAbsent(step.gen(), g -> new HashMap<>()).putIfAbsent(step.index(), step.x());
        if (member == null) {
            running.add(step.x());
        }
        Map<Integer, Member> gen = slots.computeIfAbsent(step.gen(), g -> new HashMap<>());
        Member before = gen.get(step.index());
        if (member == null) {
            gen.putIfAbsent(step.index(), null);
        } else if (before == null || PREFERRED.compare(member, before) < 0) {
            gen.put(step.index(), member);
        }
    }

    /** Whether every regular index (below the population size) of generation {@code gen} has finished. */
    boolean isFinished(int gen) {
        Map<Integer, Member> g = slots.getOrDefault(gen, Map.of());
        for (int k = 0; k < population; k++) {
            if (g.get(k) == null) {
                return false;
            }
        }
        return true;
    }

    /** The lowest generation that is not finished: the one the next regular index belongs to. */
    int firstUnfinished() {
        int g = 0;
        while (isFinished(g)) {
            g++;
        }
        return g;
    }

    /**
     * The members of a finished generation: its regular indices in index order, then its extra
     * offspring that finished no later than the last regular member, in index order. The extra
     * ones are what parallel workers tried while a long trial held the generation open (under a
     * pruner, one promoted trial can run for minutes while the other workers try dozens); without
     * them those trials would inform nothing. An extra trial still running when the generation
     * finishes finishes after it, so the set is a function of the stored trials once the
     * generation has finished, whoever reads it and whenever.
     */
    List<Member> members(int gen) {
        Map<Integer, Member> g = slots.getOrDefault(gen, Map.of());
        List<Member> out = new ArrayList<>(population);
        LocalDateTime cut = null;
        for (int k = 0; k < population; k++) {
            Member m = g.get(k);
            out.add(m);
            LocalDateTime done = finishedAt(m);
            if (done != null && (cut == null || done.isAfter(cut))) {
                cut = done;
            }
        }
        if (cut != null) {
            for (int k : new TreeSet<>(g.keySet()).tailSet(population)) {
                Member m = g.get(k);
                LocalDateTime done = finishedAt(m);
                if (done != null && !done.isAfter(cut)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** When the member of an index finished; null while only running trials hold it. */
    private static LocalDateTime finishedAt(Member m) {
        return m == null ? null : m.trial().datetimeComplete();
    }

    /** The genotype of every index of generation {@code gen} that a trial holds, extra ones included. */
    Map<Integer, double[]> genotypes(int gen) {
        return genotypes.getOrDefault(gen, Map.of());
    }

    /** How many rejected proposals gave index {@code index} of generation {@code gen} back. */
    int rejections(int gen, int index) {
        return rejected.getOrDefault(gen, Map.of()).getOrDefault(index, List.of()).size();
    }

    /** The genotypes of generation {@code gen}'s proposals that gave their index back, by index, then in trial order. */
    List<double[]> rejected(int gen) {
        List<double[]> out = new ArrayList<>();
        rejected.getOrDefault(gen, Map.of()).values().forEach(out::addAll);
        return out;
    }

    /** The genotypes that running trials evaluate, in no particular order. */
    List<double[]> running() {
        return running;
    }

    /** The lowest index of generation {@code gen} that no trial holds: a regular one, else an extra one. */
    int firstFree(int gen) {
        Map<Integer, Member> g = slots.getOrDefault(gen, Map.of());
        int k = 0;
        while (g.containsKey(k)) {
            k++;
        }
        return k;
    }
}
