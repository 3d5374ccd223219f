package io.metaloop.run;

import io.metaloop.objective.FinalTraining;
import io.metaloop.objective.NetworkObjective;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Study;
import io.metaloop.study.StudyClock;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A study run in two phases when its network objective has a {@code final-training}
 * ({@link FinalTraining}): the search, in the time budget less the final share, then the final
 * trainings, in the rest. The final phase enqueues, for each worker, the best trial of a network
 * not yet trained again (a network counts once, by its best trial; trials are compared where the
 * pruner last judged them, see {@link #candidates}) with the epochs that fit the
 * time left and the final augmentation, and runs exactly those trials. Each worker goes first to
 * the best network with more convolutions than every one trained again so far, when it is within
 * {@link #DEEPER_TOLERANCE} of the best where it was last compared (at the comparison step, or at
 * an earlier rung that stopped it), then to the best of the rest:
 * the runner-up of a search is most often the winner with a few filters more or less, and a
 * network of one convolution that leads after a few epochs may end below a deeper one trained
 * long (dense layers do not count: on images, a deeper perceptron is no better). They are ordinary
 * trials in storage, marked {@link SystemAttrs#FINAL}: the best of them is the study's best when
 * it beats the search, and exporting it exports how it was trained.
 *
 * <p>Both phases are functions of the stored trials, so a stopped study resumes in either: the
 * search ends when the study's used time reaches its share, and the final phase counts the
 * trials already trained again, including those put back to WAITING.
 */
public final class FinalPhase {

    /**
     * How far, as a share of the best value, a network with more convolutions may be behind the
     * best where it was last compared (the comparison step, or the earlier rung that stopped it)
     * and still go first. On Fashion-MNIST (hybrid seed 2,
     * 2026-12-07) a two-convolution network 0.7 points behind at 4 epochs gained 3.0 points in its
     * final training and the one-convolution leader 1.9, so it ended first; networks 3 and 10
     * points behind ended far below the leader.
     */
    static final double DEEPER_TOLERANCE = 0.01;

    private final Study study;
    private final Objective objective;
    private final Budget budget;

    /**
     * @param study     the study
     * @param objective its objective; only a network objective with a final training has a final phase
     * @param budget    the study's whole budget
     */
    public FinalPhase(Study study, Objective objective, Budget budget) {
        this.study = Objects.requireNonNull(study, "study");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** The final training, when this study has a final phase: a network objective's, a time budget and one direction. */
    private Optional<NetworkObjective> network() {
        if (objective instanceof NetworkObjective n && !n.settings().finalTraining().isNone()
                && budget.time() != null && study.directions().size() == 1) {
            return Optional.of(n);
        }
        return Optional.empty();
    }

    /** The time the final phase keeps, zero when there is none. */
    public Duration share() {
        return network().map(n -> Duration.ofMillis(Math.round(budget.time().toMillis()
                * n.settings().finalTraining().share()))).orElse(Duration.ZERO);
    }

    /** The search's budget: the whole budget less the final share. */
    public Budget searchBudget() {
        return budget.time() == null ? budget : budget.withTime(budget.time().minus(share()));
    }

    /**
     * Runs the search, then the final trainings in the time left.
     *
     * @param options the workers and listener of both phases
     * @param out     where to say which trials are trained again (null: nowhere)
     */
    public OptimizeResult run(OptimizeOptions options, PrintStream out) {
        OptimizeResult search = study.optimize(objective, searchBudget(), options);
        if (network().isEmpty() || search.stopReason() == OptimizeResult.StopReason.INTERRUPTED
                || search.stopReason() == OptimizeResult.StopReason.REJECTED) {
            return search;
        }
        Optional<Budget> finals = enqueue(options.jobs(), out);
        if (finals.isEmpty()) {
            return search;
        }
        OptimizeResult last = study.optimize(objective, finals.get(), options);
        OptimizeResult.StopReason why = last.stopReason() == OptimizeResult.StopReason.INTERRUPTED
                ? last.stopReason() : OptimizeResult.StopReason.TIME_BUDGET;
        return new OptimizeResult(search.trialsRun() + last.trialsRun(), why, search.elapsed().plus(last.elapsed()),
                last.studyTimeUsed());
    }

    /**
     * Enqueues final trainings for up to {@code jobs} workers, less those already waiting; returns
     * the budget that runs exactly the waiting ones, or empty when there are none or no time is left.
     */
    Optional<Budget> enqueue(int jobs, PrintStream out) {
        NetworkObjective network = network().orElseThrow();
        List<FrozenTrial> trials = study.trials();
        Duration used = StudyClock.timeUsed(trials, LocalDateTime.now());
        Duration end = budget.time();
        Duration left = end.minus(used);
        Duration share = share();
        if (left.compareTo(share) > 0) { // the search stopped early (its trial budget): the final phase keeps its share only
            end = used.plus(share);
            left = share;
        }
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Set<Integer> trainedAgain = new HashSet<>();
        int waiting = 0;
        for (FrozenTrial t : trials) {
            if (t.systemAttrs().get(SystemAttrs.FINAL) instanceof Map<?, ?> plan) {
                trainedAgain.add(((Number) plan.get("of")).intValue());
                waiting += t.state() == TrialState.WAITING ? 1 : 0;
            }
        }
        Set<Object> networks = new HashSet<>();
        int deepest = -1; // none trained again yet: the best comes first, whatever its depth
        for (FrozenTrial t : trials) {
            if (trainedAgain.contains(t.number())) {
                networks.add(t.userAttrs().get(NetworkObjective.NETWORK_ATTR));
                deepest = Math.max(deepest, network.convolutions(t));
            }
        }
        double seconds = left.toMillis() / 1000.0;
        int enqueued = 0;
        OptionalInt step = comparisonStep(trials);
        Direction direction = study.directions().get(0);
        List<FrozenTrial> ranked = step.isEmpty() ? List.of() : rankedAt(trials, step.getAsInt(), direction);
        List<FrozenTrial> close = step.isEmpty() ? List.of() : closeToTheirRungsBest(trials, step.getAsInt(), direction);
        Map<Integer, Integer> depths = new HashMap<>();
        // first the best network with more convolutions than every one trained again so far, if it
        // is close to the best where it was last compared, then the best of the rest
        for (boolean deeperOnly : new boolean[] {true, false}) {
            for (FrozenTrial base : deeperOnly ? close : ranked) {
                if (waiting + enqueued >= jobs) {
                    break;
                }
                int depth = depths.computeIfAbsent(base.number(), n -> network.convolutions(base));
                if (deeperOnly && depth <= deepest || !networks.add(base.userAttrs().get(NetworkObjective.NETWORK_ATTR))) {
                    continue;
                }
                Optional<Map<String, Object>> plan = network.planFinal(base, seconds);
                if (plan.isEmpty()) {
                    continue;
                }
                deepest = Math.max(deepest, depth);
                study.enqueueTrial(NetworkObjective.finalParams(base, plan.get()), Map.of(SystemAttrs.FINAL, plan.get()));
                enqueued++;
                if (out != null) {
                    out.printf("final training: trial %d's network (%s) again for %s epochs%s%n", base.number(),
                            base.userAttrs().get(NetworkObjective.NETWORK_ATTR), plan.get().get("epochs"),
                            network.settings().finalTraining().augment().isNone() ? "" : " with augmentation");
                }
            }
        }
        if (waiting + enqueued == 0) {
            return Optional.empty();
        }
        long counted = trials.stream().filter(FrozenTrial::countsTowardsBudget).count();
        return Optional.of(new Budget((int) Math.min(Integer.MAX_VALUE, counted + waiting + enqueued), end,
                budget.finishRunning()));
    }

    /**
     * The search's trials that reached the comparison step, best first by their value on reaching
     * it. The comparison step is the longest training at which the pruner stopped a trial — its
     * last rung, where it last judged trials against each other — or, when it stopped none, the
     * shortest full training of a complete trial. With a capped pruner few trials complete (the
     * first at a rung often being the quick, weak networks of the first minutes), and a good trial
     * that reached the last rung after its places were taken stopped there; compared at that rung
     * it can still be trained again. Trials stopped by the time budget are compared too when they
     * got that far, but do not set the step.
     */
    static List<FrozenTrial> candidates(List<FrozenTrial> trials, Direction direction) {
        OptionalInt step = comparisonStep(trials);
        return step.isEmpty() ? List.of() : rankedAt(trials, step.getAsInt(), direction);
    }

    /**
     * The search's trials within {@link #DEEPER_TOLERANCE} of the best where each was last
     * compared — at the comparison step {@code at}, or at the earlier step where a pruner stopped
     * it — ordered by that step, the longest first, then by value there. A capped rung lets a
     * quarter of its trials go on, so a deeper network a few tenths behind a shallow leader after
     * one epoch often stops there; on Fashion-MNIST such a network ("conv 19, pool, pool, norm,
     * conv 12", 0.3 points behind after one epoch) had ended 0.6 points above its leader when it
     * went on (hybrid seed 2, 2026-12-07).
     */
    private static List<FrozenTrial> closeToTheirRungsBest(List<FrozenTrial> trials, int at, Direction direction) {
        Map<Integer, Double> bestAt = new HashMap<>();
        Comparator<FrozenTrial> byStep = Comparator.comparingInt(t -> -lastCompared(t, at));
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(
                t -> direction.toMinimization(t.valueOnReaching(lastCompared(t, at))));
        return search(trials)
                .filter(t -> {
                    int step = lastCompared(t, at);
                    double best = bestAt.computeIfAbsent(step, s -> rankedAt(trials, s, direction).get(0).valueOnReaching(s));
                    return Math.abs(t.valueOnReaching(step) - best) <= DEEPER_TOLERANCE * Math.abs(best);
                })
                .sorted(byStep.thenComparing(byValue).thenComparingInt(FrozenTrial::number))
                .toList();
    }

    /** The search's trials that reached step {@code at}, best first by their value on reaching it. */
    private static List<FrozenTrial> rankedAt(List<FrozenTrial> trials, int at, Direction direction) {
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(t -> direction.toMinimization(t.valueOnReaching(at)));
        return search(trials)
                .filter(t -> !Double.isNaN(t.valueOnReaching(at)))
                .sorted(byValue.thenComparingInt(FrozenTrial::number))
                .toList();
    }

    /** The step at which {@link #candidates} compares trials, empty when no trial has one. */
    private static OptionalInt comparisonStep(List<FrozenTrial> trials) {
        OptionalInt lastRung = search(trials)
                .filter(t -> t.state() == TrialState.PRUNED && !SystemAttrs.stoppedByTimeBudget(t.systemAttrs()))
                .mapToInt(FinalPhase::lastStep).max();
        return lastRung.isPresent() ? lastRung
                : search(trials).filter(t -> t.state() == TrialState.COMPLETE).mapToInt(FinalPhase::lastStep).min();
    }

    /** The search's complete or pruned trials with reports: those a final training may repeat. */
    private static Stream<FrozenTrial> search(List<FrozenTrial> trials) {
        return trials.stream().filter(t -> (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                && !t.systemAttrs().containsKey(SystemAttrs.FINAL) && !t.intermediateValues().isEmpty());
    }

    /** The step at which {@code t} was last compared with others: its last report, or {@code at} if it got further. */
    private static int lastCompared(FrozenTrial t, int at) {
        return Math.min(lastStep(t), at);
    }

    private static int lastStep(FrozenTrial t) {
        return t.intermediateValues().lastKey();
    }
}
