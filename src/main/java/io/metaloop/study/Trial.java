package io.metaloop.study;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSuggester;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The handle an objective gets for one running trial (define-by-run): each {@code suggest*}
 * call names a parameter and its range and gets a value from the study's sampler, or from the
 * values fixed by an enqueued trial. Parameters are written to storage together — at the first
 * {@link #report}, {@link #shouldPrune} or at the end — rather than one transaction each.
 *
 * <p>When the study has a trial time limit ({@link Study.Builder#trialTimeout}), the clock starts
 * when the handle is made: long objectives check {@link #isTimedOut()} or {@link #checkTimeout()}
 * between units of work, and {@link #onTimeout} runs an action (kill a process, interrupt a
 * thread) at the deadline.
 */
public final class Trial implements ParamSuggester {

    private final Study study;
    private final FrozenTrial started;
    private final StudyHistory history;
    private final Map<String, Object> fixed;
    private final Map<String, Object> relative;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final Map<String, Object> pendingParams = new LinkedHashMap<>();
    private final Map<String, Distribution> pendingDistributions = new LinkedHashMap<>();
    private final TreeMap<Integer, Double> intermediate = new TreeMap<>();
    private boolean abandoned;
    private final Map<String, Object> userAttrs = new LinkedHashMap<>();
    private final Map<String, Object> systemAttrs = new LinkedHashMap<>();
    /** Runs {@link #onTimeout} actions; one daemon thread for the process, its actions are short. */
    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "metaloop-trial-timeout");
                th.setDaemon(true);
                return th;
            });
    // System.nanoTime() at which the time limit passes; meaningless when !limited
    private final boolean limited;
    private final long deadlineNanos;
    // System.nanoTime() after which shouldPrune() says stop: the run's time budget; 0 for none
    private volatile long stopAfterNanos;
    private final FinishForecast forecast = new FinishForecast();

    Trial(Study study, FrozenTrial started, StudyHistory history, Map<String, Object> relative) {
        this.study = study;
        this.limited = study.trialTimeout().isPresent();
        this.deadlineNanos = limited ? System.nanoTime() + study.trialTimeout().get().toNanos() : 0;
        this.started = started;
        this.history = history;
        this.relative = relative;
        this.systemAttrs.putAll(started.systemAttrs());
        this.userAttrs.putAll(started.userAttrs());
        this.fixed = fixedParams(started);
        this.params.putAll(started.params());
        this.distributions.putAll(started.distributions());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixedParams(FrozenTrial t) {
        Object f = t.systemAttrs().get(SystemAttrs.FIXED_PARAMS);
        return f instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The trial's number within its study. */
    public int number() {
        return started.number();
    }

    /** The storage's id of this trial. */
    public long id() {
        return started.id();
    }

    /** A float from {@code [low, high]}. */
    public double suggestFloat(String name, double low, double high) {
        return ((Number) suggest(name, FloatDistribution.of(low, high))).doubleValue();
    }

    /** A float from {@code [low, high]}, sampled in the logarithm when {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return ((Number) suggest(name, new FloatDistribution(low, high, log, null))).doubleValue();
    }

    /** A float from {@code low, low + step, …, ≤ high}. */
    public double suggestFloat(String name, double low, double high, double step) {
        return ((Number) suggest(name, FloatDistribution.stepped(low, high, step))).doubleValue();
    }

    /** An integer from {@code [low, high]}. */
    public int suggestInt(String name, int low, int high) {
        return ((Number) suggest(name, IntDistribution.of(low, high))).intValue();
    }

    /** An integer from {@code [low, high]}, sampled in the logarithm when {@code log}. */
    public int suggestInt(String name, int low, int high, boolean log) {
        return ((Number) suggest(name, new IntDistribution(low, high, log, 1))).intValue();
    }

    /** An integer from {@code low, low + step, …, ≤ high}. */
    public int suggestInt(String name, int low, int high, int step) {
        return ((Number) suggest(name, new IntDistribution(low, high, false, step))).intValue();
    }

    /** One of {@code choices}. */
    @SuppressWarnings("unchecked")
    public <T> T suggestCategorical(String name, List<T> choices) {
        // not List.copyOf: None/null is a valid choice, as in Optuna
        return (T) suggest(name, new CategoricalDistribution(new ArrayList<>(choices)));
    }

    /**
     * The value of parameter {@code name} from {@code distribution}. Asking again for the same
     * name returns the same value; asking with a different distribution is an error.
     */
    @Override
    public synchronized Object suggest(String name, Distribution distribution) {
        if (params.containsKey(name)) {
            Distribution before = distributions.get(name);
            if (!before.equals(distribution)) {
                throw new IllegalArgumentException("parameter '" + name + "' was suggested with " + before
                        + " and again with " + distribution);
            }
            return params.get(name);
        }
        Object value = chosenValue(name, distribution);
        params.put(name, value);
        distributions.put(name, distribution);
        pendingParams.put(name, value);
        pendingDistributions.put(name, distribution);
        return value;
    }

    private Object chosenValue(String name, Distribution d) {
        for (Map<String, Object> source : List.of(fixed, relative)) {
            if (source.containsKey(name)) {
                Object v = source.get(name);
                try {
                    double internal = d.toInternal(v);
                    if (d.contains(internal)) {
                        return d.toExternal(internal);
                    }
                } catch (IllegalArgumentException ignored) {
                    // not a value of this distribution: let the sampler choose
                }
            }
        }
        return study.sampler().sampleIndependent(history, snapshot(), name, d);
    }

    /** Stores the objective's intermediate value at {@code step} (an epoch, a budget). */
    public synchronized void report(double value, int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        requireActive();
        flush();
        study.storage().setIntermediateValue(id(), step, value);
        intermediate.put(step, value);
        forecast.reported(step, System.nanoTime());
    }

    /**
     * Tells the trial the step of its last report (the network objective: its epochs' examples).
     * Under a time budget that stops running trials at its end, a trial whose pace between
     * reports shows it cannot reach that step in time then stops at its next pruning check
     * rather than at the end, and leaves its worker to trials that can finish
     * ({@link FinishForecast}).
     */
    public synchronized void expectLastStep(int step) {
        forecast.expectLastStep(step);
    }

    /**
     * Tells the trial how long its work takes per step, in nanoseconds, without the evaluations
     * behind its reports (a network: training time per example, without validation passes);
     * non-positive: not known. With {@link #expectLastStep}, a trial that could not reach its
     * last step in time at this pace even with no further evaluation stops at its next pruning
     * check, from its first report on ({@link FinishForecast}).
     */
    public synchronized void reportWorkPace(double nanosPerStep) {
        forecast.workPace(nanosPerStep);
    }

    /**
     * Whether the study's pruner says this trial should stop now. The pruner sees the trials as
     * stored now (read only if it asks), not as they were when this trial started: other
     * workers' trials have reported since.
     */
    public synchronized boolean shouldPrune() {
        flush();
        if (isFinalTraining()) {
            // no peers to be judged against; its epochs were planned to fit the time left, and at
            // the end of the budget the objective keeps its best epoch instead (isPastTimeBudget)
            return false;
        }
        if (isPastTimeBudget()) {
            setSystemAttr(SystemAttrs.STOPPED, SystemAttrs.REASON_TIME_BUDGET);
            return true;
        }
        if (stopAfterNanos != 0 && forecast.finishesAfter(stopAfterNanos)) {
            setSystemAttr(SystemAttrs.STOPPED, SystemAttrs.REASON_CANNOT_FINISH);
            return true;
        }
        return study.pruner().prune(study.history(), snapshot());
    }

    /**
     * Whether this trial is a final training ({@link SystemAttrs#FINAL}): {@link #shouldPrune} is
     * never true for it, and an objective should end it at the end of the time budget with its
     * best result so far rather than lose it.
     */
    public boolean isFinalTraining() {
        return started.systemAttrs().containsKey(SystemAttrs.FINAL);
    }

    /**
     * Makes {@link #shouldPrune} true from {@code nanos} ({@link System#nanoTime()}) on: the
     * optimize loop's end of a time budget, at which the trial stops at its next pruning check.
     */
    void stopAfter(long nanos) {
        stopAfterNanos = nanos == 0 ? 1 : nanos;
    }

    /**
     * Whether the run's time budget is up for this trial, which {@link #shouldPrune} then says:
     * a check an objective can make between units of work to stop sooner than its next report.
     * Never true without a time budget, nor when running trials may finish ({@code at-end: finish}).
     */
    public boolean isPastTimeBudget() {
        long stop = stopAfterNanos;
        return stop != 0 && System.nanoTime() - stop >= 0;
    }

    /** Whether the trial has run past its time limit; never true when the study sets none. */
    public boolean isTimedOut() {
        return limited && System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * Throws {@link TrialTimeoutException} when the trial has run past its time limit: a check
     * for an objective to make between units of work.
     */
    public void checkTimeout() {
        if (isTimedOut()) {
            throw new TrialTimeoutException();
        }
    }

    /**
     * Runs {@code action} once, on a timer thread, when the trial's time limit passes (at once if
     * it has), unless the returned watch is closed before. Without a time limit nothing is run.
     */
    public TimeoutWatch onTimeout(Runnable action) {
        if (!limited) {
            return () -> { };
        }
        Future<?> f = TIMER.schedule(action, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Cancels an {@link #onTimeout} action that has not run yet. */
    @FunctionalInterface
    public interface TimeoutWatch extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets a user attribute (a JSON-compatible value). */
    public synchronized void setUserAttr(String key, Object value) {
        requireActive();
        study.storage().setTrialUserAttr(id(), key, value);
        userAttrs.put(key, value);
    }

    /** Sets a system attribute (a JSON-compatible value). */
    public synchronized void setSystemAttr(String key, Object value) {
        requireActive();
        study.storage().setTrialSystemAttr(id(), key, value);
        systemAttrs.put(key, value);
    }

    /** The parameters chosen so far, in order. */
    public synchronized Map<String, Object> params() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(params)); // values may be null
    }

    /** The study this trial belongs to. */
    public Study study() {
        return study;
    }

    /** Parameters chosen but not yet stored, with their distributions; and forgets them. */
    synchronized Map<String, Distribution> takePendingDistributions() {
        Map<String, Distribution> out = new LinkedHashMap<>(pendingDistributions);
        pendingDistributions.clear();
        return out;
    }

    /** The values matching {@link #takePendingDistributions()}; call that first. */
    synchronized Map<String, Object> takePendingParams() {
        Map<String, Object> out = new LinkedHashMap<>(pendingParams);
        pendingParams.clear();
        return out;
    }

    /**
     * Marks the trial as stopped by its study ({@link Study#interrupt()}): it was put back to
     * WAITING, and an objective still running must not write into it again.
     */
    synchronized void abandon() {
        abandoned = true;
    }

    private void requireActive() {
        if (abandoned) {
            throw new IllegalStateException("trial " + number() + " was interrupted and put back to waiting");
        }
    }

    /** Writes parameters not yet stored, in one transaction. */
    synchronized void flush() {
        requireActive();
        if (!pendingParams.isEmpty()) {
            study.storage().setParams(id(), pendingDistributions, pendingParams);
            pendingParams.clear();
            pendingDistributions.clear();
        }
    }

    /** The trial as it stands now, RUNNING. */
    public synchronized FrozenTrial snapshot() {
        return new FrozenTrial(started.id(), started.number(), TrialState.RUNNING, List.of(), started.datetimeStart(),
                null, params, distributions, userAttrs, systemAttrs, intermediate);
    }
}
