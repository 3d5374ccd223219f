package io.metaloop.study;

import io.metaloop.pruner.NopPruner;
import io.metaloop.pruner.Pruner;
import io.metaloop.sampler.Sampler;
import io.metaloop.space.Distribution;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageException;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A named optimization task in a storage: its directions, the sampler and pruner this process
 * uses on it, and its trials. Many processes may open the same study; each trial is started,
 * numbered and finished atomically in storage. Use {@link #optimize} to run an objective under
 * a budget, or {@link #ask()} and {@link #tell} to drive the loop yourself.
 * A trial time limit ({@link Builder#trialTimeout}) makes a trial that runs past it FAIL timeout.
 */
public final class Study {

    /** How often running trials tell the storage their owner is alive. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** A trial of another host whose heartbeat is older than this is taken as lost. */
    public static final Duration HEARTBEAT_GRACE = Duration.ofSeconds(60);
    /** How often a trial is put back to WAITING after interruptions or lost workers before it fails. */
    public static final int MAX_PUT_BACKS = LostTrials.MAX_PUT_BACKS;

    private final Storage storage;
    private final StudyRecord record;
    private final Sampler sampler;
    private final Pruner pruner;
    private final SearchSpace declaredSpace;
    private final Duration trialTimeout;
    private final TrialCache cache;
    private final LostTrials lostTrials;
    private final Set<Trial> running = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    private Study(Storage storage, StudyRecord record, Sampler sampler, Pruner pruner, SearchSpace declaredSpace,
                  Duration trialTimeout) {
        this.storage = storage;
        this.record = record;
        this.sampler = sampler;
        this.pruner = pruner;
        this.declaredSpace = declaredSpace;
        this.trialTimeout = trialTimeout;
        this.cache = new TrialCache(storage, record.id());
        this.lostTrials = new LostTrials(storage);
    }

    /** Options for creating or loading a study. */
    public static Builder builder(Storage storage, String name) {
        return new Builder(storage, name);
    }

    /** The study's name. */
    public String name() {
        return record.name();
    }

    /** The storage's record of the study. */
    public StudyRecord record() {
        return record;
    }

    /** One direction per objective. */
    public List<Direction> directions() {
        return record.directions();
    }

    /** The study's storage. */
    public Storage storage() {
        return storage;
    }

    /** The sampler this process uses. */
    public Sampler sampler() {
        return sampler;
    }

    /** The pruner this process uses. */
    public Pruner pruner() {
        return pruner;
    }

    /** The declared search space (empty for define-by-run objectives). */
    public SearchSpace declaredSpace() {
        return declaredSpace;
    }

    /** The time limit of each trial this process runs, if any. */
    public Optional<Duration> trialTimeout() {
        return Optional.ofNullable(trialTimeout);
    }

    /** Every trial, ordered by number, read from storage (only what changed since last time). */
    public List<FrozenTrial> trials() {
        return cache.refresh();
    }

    /** The best COMPLETE trial of a single-objective study. */
    public Optional<FrozenTrial> bestTrial() {
        if (directions().size() != 1) {
            throw new IllegalStateException("study '" + name() + "' has " + directions().size()
                    + " objectives: use bestTrials() for its Pareto front");
        }
        return Ranking.best(trials(), directions().get(0));
    }

    /** The best trials: the best one, or the Pareto front of a study with several objectives. */
    public List<FrozenTrial> bestTrials() {
        return Ranking.paretoFront(trials(), directions());
    }

    /** The history as samplers see it; its trials are read when first asked for. */
    public StudyHistory history() {
        return new LazyHistory();
    }

    /** Sets a study user attribute. */
    public void setUserAttr(String key, Object value) {
        storage.setStudyUserAttr(record.id(), key, value);
    }

    /** Adds a WAITING trial whose parameters, where named here, take the given values. */
    public FrozenTrial enqueueTrial(Map<String, Object> params) {
        return enqueueTrial(params, Map.of());
    }

    /** Adds a WAITING trial with these fixed parameters and these further system attributes. */
    public FrozenTrial enqueueTrial(Map<String, Object> params, Map<String, Object> systemAttrs) {
        Map<String, Object> attrs = new LinkedHashMap<>(systemAttrs);
        attrs.put(SystemAttrs.FIXED_PARAMS, new LinkedHashMap<>(params));
        return storage.enqueueTrial(record.id(), attrs);
    }

    /** Starts a trial with no trial budget. */
    public Trial ask() {
        return ask(Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * Starts a trial unless {@code trialBudget} counted trials already exist: takes an enqueued
     * trial first, runs the sampler's joint step, and records this process as the owner.
     */
    public Optional<Trial> ask(int trialBudget) {
        Optional<FrozenTrial> started = storage.startTrial(record.id(), trialBudget,
                Map.of(SystemAttrs.OWNER, Owner.current().toAttr()));
        if (started.isEmpty()) {
            return Optional.empty();
        }
        StudyHistory history = new LazyHistory();
        FrozenTrial t;
        Map<String, Object> relative;
        try {
            t = withSamplerAttrs(started.get(), history);
            Map<String, Distribution> space = sampler.relativeSearchSpace(history, t);
            relative = space.isEmpty() ? Map.of() : sampler.sampleRelative(history, t, space);
        } catch (RuntimeException e) {
            // never leave a trial RUNNING behind a sampler that refused to start it
            storage.finishTrial(started.get().id(), TrialState.FAIL, List.of(),
                    Map.of(SystemAttrs.FAIL_REASON, "sampler failed: " + OptimizeLoop.describe(e)), LocalDateTime.now());
            throw e;
        }
        Trial trial = new Trial(this, t, history, relative);
        running.add(trial);
        startHeartbeats();
        return Optional.of(trial);
    }

    private FrozenTrial withSamplerAttrs(FrozenTrial t, StudyHistory history) {
        Map<String, Object> attrs = sampler.beforeTrial(history, t);
        if (attrs.isEmpty()) {
            return t;
        }
        for (Map.Entry<String, Object> a : attrs.entrySet()) {
            storage.setTrialSystemAttr(t.id(), a.getKey(), a.getValue());
        }
        Map<String, Object> all = new LinkedHashMap<>(t.systemAttrs());
        all.putAll(attrs);
        return new FrozenTrial(t.id(), t.number(), t.state(), t.values(), t.datetimeStart(), null, t.params(),
                t.distributions(), t.userAttrs(), all, t.intermediateValues());
    }

    /**
     * Ends a trial as COMPLETE with its values (one per direction) — or as FAIL
     * {@value SystemAttrs#REASON_TIMEOUT} when it has run past its time limit.
     */
    public FrozenTrial tell(Trial trial, double... values) {
        if (trial.isTimedOut()) {
            return tellTimedOut(trial);
        }
        if (values.length != directions().size()) {
            return tellFail(trial, "objective returned " + values.length + " values, the study has "
                    + directions().size() + " direction(s)", false);
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                return tellFail(trial, "objective returned NaN", false);
            }
        }
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return finish(trial, TrialState.COMPLETE, list, Map.of());
    }

    /** Ends a trial as PRUNED; a single-objective trial keeps its last intermediate value as value. */
    public FrozenTrial tellPruned(Trial trial) {
        double last = trial.snapshot().lastIntermediateValue();
        List<Double> values = directions().size() == 1 && !Double.isNaN(last) ? List.of(last) : List.of();
        return finish(trial, TrialState.PRUNED, values, Map.of());
    }

    /**
     * Ends a trial as FAIL with a reason. A budget-exempt failure (interruption, a lost worker)
     * does not use up the study's trial budget.
     */
    public FrozenTrial tellFail(Trial trial, String reason, boolean budgetExempt) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(SystemAttrs.FAIL_REASON, reason);
        if (budgetExempt) {
            attrs.put(SystemAttrs.BUDGET_EXEMPT, true);
        }
        return finish(trial, TrialState.FAIL, List.of(), attrs);
    }

    /**
     * Ends a trial that the objective refused before evaluating it (a network over max-params):
     * FAIL with the reason, outside the trial budget, and marked {@link SystemAttrs#REJECTED} so
     * that samplers count its point as worse than any evaluated one instead of retrying it.
     */
    public FrozenTrial tellRejected(Trial trial, String reason) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(SystemAttrs.FAIL_REASON, reason);
        attrs.put(SystemAttrs.BUDGET_EXEMPT, true);
        attrs.put(SystemAttrs.REJECTED, true);
        return finish(trial, TrialState.FAIL, List.of(), attrs);
    }

    /** Ends a trial that ran past its time limit: FAIL {@value SystemAttrs#REASON_TIMEOUT}, counted in the budget. */
    public FrozenTrial tellTimedOut(Trial trial) {
        return tellFail(trial, SystemAttrs.REASON_TIMEOUT, false);
    }

    private FrozenTrial finish(Trial trial, TrialState state, List<Double> values, Map<String, Object> attrs) {
        LocalDateTime now = LocalDateTime.now();
        boolean finished;
        synchronized (trial) {
            finished = storage.finishTrial(trial.id(), trial.takePendingDistributions(), trial.takePendingParams(),
                    state, values, attrs, now);
        }
        running.remove(trial);
        FrozenTrial s = trial.snapshot();
        if (!finished) {
            return s;
        }
        Map<String, Object> sys = new LinkedHashMap<>(s.systemAttrs());
        sys.putAll(attrs);
        FrozenTrial done = new FrozenTrial(s.id(), s.number(), state, values, s.datetimeStart(), now, s.params(),
                s.distributions(), s.userAttrs(), sys, s.intermediateValues());
        cache.put(done);
        return done;
    }

    /** Runs {@code objective} until the study's budget is used up, in this thread. */
    public OptimizeResult optimize(Objective objective, Budget budget) {
        return optimize(objective, budget, OptimizeOptions.defaults());
    }

    /** Runs {@code objective} until the study's budget is used up or {@link #interrupt()}. */
    public OptimizeResult optimize(Objective objective, Budget budget, OptimizeOptions options) {
        return new OptimizeLoop(this, objective, budget, options).run();
    }

    /** Whether {@link #interrupt()} was called: optimize loops start no more trials. */
    public boolean isStopping() {
        return stopping;
    }

    /** Trials this process is running now. */
    Set<Trial> runningTrials() {
        return running;
    }

    /**
     * Stops every trial this process is running and puts it back to WAITING ({@link LostTrials#putBack}),
     * so that the same study resumes by running them again under their own numbers. Called on
     * Ctrl-C. The objective threads may run on for a moment: their trials refuse further writes.
     */
    public void interrupt() {
        stopping = true;
        for (Trial t : List.copyOf(running)) {
            abandon(t);
        }
    }

    /** Stops one trial of this process and puts it back to WAITING; returns it, WAITING. */
    FrozenTrial abandon(Trial t) {
        FrozenTrial last;
        synchronized (t) {
            t.abandon();
            last = t.snapshot();
            lostTrials.putBack(last, SystemAttrs.REASON_INTERRUPTED, null);
        }
        running.remove(t);
        return new FrozenTrial(last.id(), last.number(), TrialState.WAITING, List.of(), null, null, Map.of(), Map.of(),
                Map.of(), Map.of(SystemAttrs.PUT_BACK_REASON, SystemAttrs.REASON_INTERRUPTED), new java.util.TreeMap<>());
    }

    /**
     * Puts RUNNING trials of other processes whose owner is known to be gone back to WAITING
     * (see {@link LostTrials}). Returns the trials found lost.
     */
    public List<FrozenTrial> reapLostTrials() {
        Set<Long> ours = new java.util.HashSet<>();
        running.forEach(t -> ours.add(t.id()));
        List<FrozenTrial> lost = lostTrials.reap(trials(), ours, storage.heartbeats(record.id()), LocalDateTime.now());
        if (!lost.isEmpty()) {
            trials();
        }
        return lost;
    }

    private synchronized void startHeartbeats() {
        if (heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "metaloop-heartbeat");
            th.setDaemon(true);
            return th;
        });
        long ms = HEARTBEAT_INTERVAL.toMillis();
        heartbeats.scheduleAtFixedRate(() -> {
            List<Long> ids = running.stream().map(Trial::id).toList();
            if (!ids.isEmpty()) {
                try {
                    storage.heartbeat(ids);
                } catch (RuntimeException e) {
                    // a missed beat is harmless; the next one retries
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The history a sampler sees for one trial: read from storage once, when first asked. */
    private final class LazyHistory implements StudyHistory {
        private List<FrozenTrial> trials;

        @Override
        public List<Direction> directions() {
            return record.directions();
        }

        @Override
        public SearchSpace declaredSpace() {
            return declaredSpace;
        }

        @Override
        public synchronized List<FrozenTrial> trials() {
            if (trials == null) {
                trials = cache.refresh();
            }
            return trials;
        }
    }

    /** Creates or loads a study. */
    public static final class Builder {
        private final Storage storage;
        private final String name;
        private List<Direction> directions = List.of(Direction.MINIMIZE);
        private Sampler sampler;
        private Pruner pruner = new NopPruner();
        private SearchSpace space = SearchSpace.empty();
        private Duration trialTimeout;

        private Builder(Storage storage, String name) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The directions, one per objective (default: minimize). */
        public Builder directions(List<Direction> d) {
            if (d.isEmpty()) {
                throw new IllegalArgumentException("a study needs at least one direction");
            }
            this.directions = List.copyOf(d);
            return this;
        }

        /** A single direction. */
        public Builder direction(Direction d) {
            return directions(List.of(d));
        }

        /** The sampler (default: random with a time-based seed). */
        public Builder sampler(Sampler s) {
            this.sampler = s;
            return this;
        }

        /** The pruner (default: none). */
        public Builder pruner(Pruner p) {
            this.pruner = p;
            return this;
        }

        /** The declared search space, for samplers that need it up front. */
        public Builder searchSpace(SearchSpace s) {
            this.space = s;
            return this;
        }

        /**
         * The time limit of each trial (default: none). A trial past it ends FAIL
         * {@value SystemAttrs#REASON_TIMEOUT}, counted in the budget and not run again:
         * {@link Study#tell} stores a late result so, and {@link Study#optimize} also interrupts the
         * objective's thread at the deadline (the built-in objectives stop by themselves: the
         * network objective between two batches, the command objective by killing its process).
         * A Java objective that ignores interrupts keeps its worker busy until it returns.
         */
        public Builder trialTimeout(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("a trial timeout must be positive, got " + d);
            }
            this.trialTimeout = d;
            return this;
        }

        /** Creates the study; fails if one of that name exists. */
        public Study create() {
            return open(storage.createStudy(name, directions));
        }

        /** Loads the study; fails if there is none of that name. */
        public Study load() {
            return open(storage.findStudy(name)
                    .orElseThrow(() -> new StorageException("no study named '" + name + "' in this storage")));
        }

        /**
         * Loads the study if it exists — its stored directions must match — or creates it.
         */
        public Study createOrLoad() {
            Optional<StudyRecord> existing = storage.findStudy(name);
            if (existing.isPresent() && !existing.get().directions().equals(directions)) {
                throw new StorageException("study '" + name + "' is stored with directions " + existing.get().directions()
                        + ", not " + directions);
            }
            return open(existing.orElseGet(() -> storage.createStudy(name, directions)));
        }

        private Study open(StudyRecord r) {
            Sampler s = sampler != null ? sampler : new io.metaloop.sampler.RandomSampler(System.nanoTime());
            return new Study(storage, r, s, pruner, space, trialTimeout);
        }
    }
}
