package io.metaloop.sampler;

import io.metaloop.space.Distribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;
import io.metaloop.study.SystemAttrs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evolutionary search inside the ask/tell loop, shared by {@link GeneticSampler} and
 * {@link Nsga2Sampler}, which differ only in how many elites survive and in the tournament size.
 *
 * <p>A generation is a batch of {@code population} trials. Each trial stores its generation,
 * its index in it and its genotype as system attribute {@value EvolutionStep#ATTR} when it
 * starts; the populations are rebuilt from the stored trials on each ask
 * ({@link GenerationReplay}), so any process can continue a study and a resumed study proposes
 * what an uninterrupted one would have (one worker). Parallel workers fill a generation together,
 * each taking the next free index; trials of this process whose attribute is not stored yet are
 * remembered, so two running trials of one process never share an index.
 *
 * <p>One sampler object serves one study, as with BOBYQA and CMA-ES: it remembers the steps it
 * proposed by trial id and counts those whose trial it cannot see in the study as running.
 *
 * <p>The genotype has a gene per parameter of the declared space (or, for define-by-run
 * objectives, of the first finished trial; until then values are random), inactive conditional
 * parameters included. Parameters outside it are drawn at random.
 *
 * <p>{@link HybridSampler} is the same search with refinement phases between generations; it
 * hooks in where a step is proposed ({@link #propose}) and where a trial's step is recognised
 * ({@link #places}).
 */
public abstract sealed class EvolutionSampler implements Sampler permits GeneticSampler, Nsga2Sampler, HybridSampler {

    private final long seed;
    private final EvolutionOptions options;
    private final int elites;
    private final int tournament;
    private final RandomSampler random;
    private final SobolSampler sobol;
    /** Steps proposed by this process, until their attribute can be read back from storage. */
    private final Map<Long, EvolutionStep> proposed = RecentTrials.map();
    /** What earlier asks derived from finished generations (guarded by {@code proposed}). */
    private final GenerationCache cache = new GenerationCache();

    EvolutionSampler(long seed, EvolutionOptions options, int elites, int tournament) {
        if (elites < 0 || elites > options.population()) {
            throw new IllegalArgumentException("elites must be in [0, " + options.population() + "], got " + elites);
        }
        this.seed = seed;
        this.options = options;
        this.elites = elites;
        this.tournament = tournament;
        this.random = new RandomSampler(seed);
        this.sobol = new SobolSampler(seed);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The options as given (elites possibly null). */
    public EvolutionOptions options() {
        return options;
    }

    /** How many of a population's best carry over into the next population. */
    public int elites() {
        return elites;
    }

    /** How many individuals each parent-selection tournament compares. */
    public int tournament() {
        return tournament;
    }

    @Override
    public Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(SystemAttrs.FIXED_PARAMS)) {
            return Map.of();
        }
        List<ParamSpec> params = JointSpace.of(history);
        if (params.isEmpty()) {
            return Map.of();
        }
        String space = BobyqaSampler.key(distributions(params));
        // one replay at a time, so that this process's parallel trials see each other's steps
        synchronized (proposed) {
            GenerationLedger ledger = new GenerationLedger(space, options.population(), history.trials(), proposed);
            Map<String, Object> attrs = new LinkedHashMap<>();
            EvolutionStep step = propose(history, trial, params, space, ledger, attrs);
            proposed.put(trial.id(), step);
            attrs.put(EvolutionStep.ATTR, step.toAttr());
            return Collections.unmodifiableMap(attrs);
        }
    }

    /**
     * The step of a new trial, called under the sampler's lock. {@code ledger} holds the
     * generations of {@code space}; a subclass may put further system attributes for the trial
     * into {@code attrs}. Here: the next index of the generations.
     */
    EvolutionStep propose(StudyHistory history, FrozenTrial trial, List<ParamSpec> params, String space,
                          GenerationLedger ledger, Map<String, Object> attrs) {
        return nextGeneration(history, params, space, ledger, GenerationReplay.Arrivals.NONE);
    }

    /** The next index of the generations, with {@code arrivals} joining each round. */
    final EvolutionStep nextGeneration(StudyHistory history, List<ParamSpec> params, String space, GenerationLedger ledger,
                                       GenerationReplay.Arrivals arrivals) {
        return new GenerationReplay(params, space, options, elites, tournament, seed, sobol)
                .next(history.directions(), ledger, cache, arrivals);
    }

    /** This process's steps of trials whose attribute may not be stored yet (guard: itself). */
    final Map<Long, EvolutionStep> proposed() {
        return proposed;
    }

    /** Whether {@code step} is one of this sampler's over the genotype space {@code space}. */
    boolean places(EvolutionStep step, String space) {
        return step.belongsTo(space, options.population());
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        if (EvolutionStep.of(trial).isEmpty()) {
            return Map.of();
        }
        Map<String, Distribution> space = distributions(JointSpace.of(history));
        return matches(trial, space) ? space : Map.of();
    }

    /** Every parameter of the genotype, active or not: the objective asks only for the active ones. */
    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        if (!matches(trial, space)) {
            return Map.of();
        }
        return Distributions.fromUnit(space, EvolutionStep.of(trial).orElseThrow().x());
    }

    /** Parameters outside the genotype, and all of them before the space is known: at random. */
    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(history, trial, name, distribution);
    }

    private boolean matches(FrozenTrial trial, Map<String, Distribution> space) {
        return EvolutionStep.of(trial)
                .filter(s -> places(s, BobyqaSampler.key(space)) && s.x().length == space.size())
                .isPresent();
    }

    static Map<String, Distribution> distributions(List<ParamSpec> params) {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            out.put(p.name(), p.distribution());
        }
        return Collections.unmodifiableMap(out);
    }
}
