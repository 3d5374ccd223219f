package io.metaloop.sampler;

import io.metaloop.space.ParamSpec;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default sampler for layer-layout spaces: a genetic search over the architecture with
 * BOBYQA refining the continuous hyperparameters, on one trial history. The study alternates
 * <ol>
 *   <li>a generation of {@code population} trials of the {@link GeneticSampler genetic search}
 *       over every parameter (layout, categorical and continuous ones), and</li>
 *   <li>a refinement phase of {@code refine} trials: BOBYQA over the continuous parameters
 *       (learning rate, weight decay, momentum, dropout: numeric, not {@code blocks} or
 *       {@code block_*}) of the best trial so far, with its layout and categorical parameters
 *       held fixed ({@link Refinement}).</li>
 * </ol>
 * The refinement trials then compete with the generation's members for the next population, so a
 * refined learning rate is bred on. Categorical parameters such as {@code optimizer} evolve with
 * the layout rather than being refined: they change what a good learning rate is, so BOBYQA's
 * model holds only while they are fixed.
 *
 * <p>Every trial stores its place: generation trials as in {@link GeneticSampler}, refinement
 * trials as an {@link EvolutionStep} of the key {@code refine:<space>} (its "generation" is the
 * generation it follows, its index its place in the phase) plus their BOBYQA step. Both are
 * rebuilt from storage on each ask, so a study resumed after any stop proposes what an
 * uninterrupted one would have (one worker). A phase is over when all its {@code refine} trials
 * have finished, and only then is the next generation bred, from finished trials only. Parallel
 * workers fill a phase together; when every place of a phase is taken while some trials still
 * run, further workers get uniform layouts ({@link #immigrant}), and while a generation's are,
 * extra offspring; both join the next population if they finish in time.
 *
 * <p>With several directions, with {@code refine: 0}, or in a space without continuous
 * parameters there is no refinement, and the sampler is exactly the genetic sampler with the same
 * options (ranked as {@link Nsga2Sampler} ranks for several directions).
 */
public final class HybridSampler extends EvolutionSampler {

    /**
     * Trials per generation unless given: fewer than the genetic sampler's
     * {@value EvolutionOptions#DEFAULT_POPULATION}, because a network study affords one or two
     * hundred trials (the flagship study: about 200 in its 10 minutes on two cores), and on the layout toys at 60 to 150 trials generations of 8 found better
     * layouts than generations of 12 or 16 (docs/ARCHITECTURE.md has the figures).
     */
    public static final int DEFAULT_POPULATION = 8;
    /**
     * Refinement trials after each generation unless given: two are BOBYQA's first probes of a
     * single continuous parameter (×1.4 and ÷1.4 of the learning rate, say). Measured against 1, 3
     * and 4 on the layout toys: never worse beyond the spread between seeds, and it leaves more
     * trials to the layouts.
     */
    public static final int DEFAULT_REFINE = 2;

    private final int refine;
    private final Refinement refinement;

    /**
     * A hybrid sampler.
     *
     * @param options the genetic search's options (elites default to {@value GeneticSampler#DEFAULT_ELITES})
     * @param refine  refinement trials after each generation, at least 0
     */
    public HybridSampler(long seed, EvolutionOptions options, int refine) {
        super(seed, options, options.elites() != null ? options.elites() : GeneticSampler.DEFAULT_ELITES,
                GeneticSampler.TOURNAMENT);
        if (refine < 0) {
            throw new IllegalArgumentException("refine must be at least 0, got " + refine);
        }
        this.refine = refine;
        this.refinement = new Refinement(seed);
    }

    /** A hybrid sampler with the default options. */
    public HybridSampler(long seed) {
        this(seed, defaultOptions(), DEFAULT_REFINE);
    }

    /**
     * Random immigrants per generation unless given: a quarter (2 of 8). Under a pruner a
     * population soon holds only layouts that learn fast, and the pruner's bar then keeps slower
     * layouts out unless some keep arriving unbred.
     */
    public static final double DEFAULT_IMMIGRANTS = 0.25;

    /**
     * The genetic search's options unless given: the genetic sampler's, with
     * {@value #DEFAULT_POPULATION} per generation and {@value #DEFAULT_IMMIGRANTS} of it immigrants.
     */
    public static EvolutionOptions defaultOptions() {
        return EvolutionOptions.defaults().withPopulation(DEFAULT_POPULATION).withImmigrants(DEFAULT_IMMIGRANTS);
    }

    /** Refinement trials after each generation. */
    public int refine() {
        return refine;
    }

    /**
     * The names of the parameters refinement may move in a space of {@code params} (those the
     * best trial has are moved): numeric, outside the layout, and no other parameter's condition.
     */
    public static List<String> continuousParams(List<ParamSpec> params) {
        return Refinement.continuous(params).stream().map(j -> params.get(j).name()).toList();
    }

    @Override
    EvolutionStep propose(StudyHistory history, FrozenTrial trial, List<ParamSpec> params, String space,
                          GenerationLedger ledger, Map<String, Object> attrs) {
        if (refine == 0 || history.directions().size() != 1 || Refinement.continuous(params).isEmpty()) {
            return super.propose(history, trial, params, space, ledger, attrs);
        }
        String phaseSpace = Refinement.key(space);
        GenerationLedger phases = new GenerationLedger(phaseSpace, refine, history.trials(), proposed());
        int g = ledger.firstUnfinished();
        if (g > 0 && !phases.isFinished(g - 1)) {
            int k = phases.firstFree(g - 1);
            if (k >= refine) {
                return new EvolutionStep(phaseSpace, refine, g - 1, k, immigrant(params.size(), g - 1, k, phases.rejections(g - 1, k)));
            }
            List<double[]> running = new ArrayList<>(ledger.running());
            running.addAll(phases.running());
            double[] x = refinement.genotype(params, space, history.directions().get(0), history.trials(), running, trial, attrs);
            return new EvolutionStep(phaseSpace, refine, g - 1, k, x);
        }
        return nextGeneration(history, params, space, ledger, GenerationReplay.Arrivals.of(phases));
    }

    /**
     * The genotype of extra place {@code k} of the phase after generation {@code g}: a uniform
     * point, drawn again from another stream after each of its {@code rejections}. While one long
     * trial holds a phase open (under a pruner, a promoted network can train for minutes), the
     * other workers used to take extra refinement trials of the incumbent: on the flagship study
     * 45 to 93 of them per 10-minute run, copies of one network that raised the pruner's bar for
     * every other layout. Fresh layouts spend that time where the search has not looked.
     */
    private double[] immigrant(int dimension, int g, int k, int rejections) {
        return GenerationReplay.uniform(dimension, SeededRandom.of(seed(), g, "refine:immigrant:" + k + ":" + rejections));
    }

    @Override
    boolean places(EvolutionStep step, String space) {
        return super.places(step, space) || step.belongsTo(Refinement.key(space), refine);
    }
}
