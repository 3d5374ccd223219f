package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stored trials say about the points a BOBYQA replay asks for. A point is answered by
 * the trial holding its step (same restart, evaluation index and point); failing that, by the
 * lowest-numbered COMPLETE trial with the same parameter values — integer and stepped axes make
 * many continuous points one configuration, and evaluating it again would only waste a trial —
 * and a point whose values a running trial already evaluates gets the constant liar too.
 */
final class BobyqaLedger {

    /** How the replay must treat a point. */
    enum Kind {
        /** A stored value (minimised: a maximised study's values are negated). */
        VALUE,
        /** A trial is evaluating it: answer with the constant liar. */
        RUNNING,
        /** Its trial failed: answer with a penalty rather than propose it again forever. */
        FAILED,
        /** Nothing known: this point is the next suggestion. */
        NONE
    }

    /** An answer; {@code value} only for {@link Kind#VALUE}. */
    record Answer(Kind kind, double value) {
        static final Answer NONE = new Answer(Kind.NONE, Double.NaN);
    }

    private final Map<String, Distribution> params;
    private final double sign;
    private final Map<Long, List<Held>> byIndex = new HashMap<>();
    private final Map<List<Double>, Double> byParams = new HashMap<>();
    private final Set<List<Double>> runningParams = new HashSet<>();
    private int lastRun = -1;

    private record Held(BobyqaStep step, Answer answer) {
    }

    /**
     * Indexes the trials of one study.
     *
     * @param space     the key of the replayed space ({@link BobyqaStep#space()})
     * @param params    the replayed parameters in coordinate order
     * @param direction the study's direction
     * @param trials    the stored trials
     * @param proposed  steps this process proposed for trials whose attribute may not be stored yet
     */
    BobyqaLedger(String space, Map<String, Distribution> params, Direction direction,
                 List<FrozenTrial> trials, Map<Long, BobyqaStep> proposed) {
        this.params = params;
        this.sign = direction == Direction.MAXIMIZE ? -1 : 1;
        Set<Long> seen = new HashSet<>();
        for (FrozenTrial t : trials) {
            seen.add(t.id());
            BobyqaStep step = BobyqaStep.of(t).orElse(t.state() == TrialState.RUNNING ? proposed.get(t.id()) : null);
            Answer a = answerOf(t);
            if (step != null && step.space().equals(space) && a != null) {
                hold(step, a);
            }
            if (t.state() == TrialState.COMPLETE && Double.isFinite(t.value())) {
                List<Double> p = internal(t);
                if (p != null) {
                    byParams.putIfAbsent(p, sign * t.value());
                }
            }
        }
        // trials this process started after the history was read are running
        for (Map.Entry<Long, BobyqaStep> e : proposed.entrySet()) {
            if (!seen.contains(e.getKey()) && e.getValue().space().equals(space)) {
                hold(e.getValue(), new Answer(Kind.RUNNING, Double.NaN));
            }
        }
    }

    private void hold(BobyqaStep step, Answer a) {
        lastRun = Math.max(lastRun, step.run());
        byIndex.computeIfAbsent(key(step.run(), step.eval()), k -> new ArrayList<>()).add(new Held(step, a));
        if (a.kind() == Kind.RUNNING) {
            // a point elsewhere in the search with the same rounded values must not be evaluated twice at once
            runningParams.add(internal(step.x()));
        }
    }

    /**
     * Marks point {@code x} as being evaluated by a trial the replay knows no step of (a running
     * trial that another search proposed), so that no point with its values is proposed now.
     */
    void running(double[] x) {
        runningParams.add(internal(x));
    }

    /** The highest restart number any trial holds, or -1. */
    int lastRun() {
        return lastRun;
    }

    /** The answer for point {@code x} asked as evaluation {@code eval} of restart {@code run}. */
    Answer answer(int run, int eval, double[] x) {
        Answer best = null;
        for (Held h : byIndex.getOrDefault(key(run, eval), List.of())) {
            if (h.step().sameRunPoint(run, eval, x) && (best == null || h.answer().kind().compareTo(best.kind()) < 0)) {
                best = h.answer();
            }
        }
        if (best != null && best.kind() == Kind.VALUE) {
            return best;
        }
        Double same = byParams.get(internal(x));
        if (same != null) {
            return new Answer(Kind.VALUE, same);
        }
        if (best != null) {
            return best;
        }
        return runningParams.contains(internal(x)) ? new Answer(Kind.RUNNING, Double.NaN) : Answer.NONE;
    }

    /** The trial's contribution, or null for trials that hold no point (interrupted, lost, waiting). */
    private Answer answerOf(FrozenTrial t) {
        return switch (t.state()) {
            // an infinite value would break the quadratic model: count it as a failure
            case COMPLETE -> Double.isFinite(t.value()) ? new Answer(Kind.VALUE, sign * t.value()) : new Answer(Kind.FAILED, Double.NaN);
            case PRUNED -> t.values().size() == 1 ? new Answer(Kind.VALUE, sign * t.value()) : new Answer(Kind.FAILED, Double.NaN);
            case RUNNING -> new Answer(Kind.RUNNING, Double.NaN);
            // an interrupted or lost trial says nothing about its point: propose it again
            case FAIL -> t.isRetryable() ? null : new Answer(Kind.FAILED, Double.NaN);
            default -> null;
        };
    }

    private List<Double> internal(FrozenTrial t) {
        List<Double> out = new ArrayList<>(params.size());
        for (Map.Entry<String, Distribution> e : params.entrySet()) {
            if (!e.getValue().equals(t.distributions().get(e.getKey()))) {
                return null;
            }
            out.add(t.internalParam(e.getKey()));
        }
        return out;
    }

    private List<Double> internal(double[] x) {
        List<Double> out = new ArrayList<>(params.size());
        int j = 0;
        for (Distribution d : params.values()) {
            out.add(d.toInternal(Distributions.fromUnit(d, x[j++])));
        }
        return out;
    }

    private static long key(int run, int eval) {
        return ((long) run << 32) | (eval & 0xffffffffL);
    }
}
