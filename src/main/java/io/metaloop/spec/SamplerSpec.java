package io.metaloop.spec;

import io.metaloop.sampler.AutoSampler;
import io.metaloop.sampler.BobyqaSampler;
import io.metaloop.sampler.CmaEsSampler;
import io.metaloop.sampler.EvolutionOptions;
import io.metaloop.sampler.GeneticSampler;
import io.metaloop.sampler.GridSampler;
import io.metaloop.sampler.HybridSampler;
import io.metaloop.sampler.Nsga2Sampler;
import io.metaloop.sampler.RandomSampler;
import io.metaloop.sampler.SobolSampler;
import io.metaloop.sampler.Sampler;
import io.metaloop.sampler.TpeOptions;
import io.metaloop.sampler.TpeSampler;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The study's sampler as read from the {@code sampler:} section: its type, its seed and the
 * type's options. Types: {@code auto} (the default, see {@link AutoSampler}); {@code random}; {@code grid} with options {@code points} (values per
 * numeric axis, default {@value #DEFAULT_GRID_POINTS}) and {@code values} (explicit values per
 * parameter); {@code sobol}; {@code tpe} with options {@code startup-trials}, {@code candidates},
 * {@code multivariate} and {@code constant-liar} (see {@link TpeOptions}); {@code bobyqa} (see
 * {@link BobyqaSampler}); {@code cmaes} with options {@code separable} and {@code popsize} (see
 * {@link CmaEsSampler}); {@code genetic} and {@code nsga2} with options {@code population},
 * {@code mutation}, {@code crossover} and {@code elites} (see {@link EvolutionOptions});
 * {@code hybrid} with the same options and {@code refine} (see {@link HybridSampler}). When the
 * file gives no seed it is {@link #defaultSeed derived from
 * the study name}, so running the same study file twice samples the same points.
 *
 * @param type    one of {@link #TYPES}
 * @param seed    the seed
 * @param options the type's options, seed excluded (JSON-compatible values)
 */
public record SamplerSpec(String type, long seed, Map<String, Object> options) {

    /** Independent uniform sampling. */
    public static final String RANDOM = "random";
    /** A grid over the search space. */
    public static final String GRID = "grid";
    /** A scrambled Sobol sequence (quasi-Monte Carlo). */
    public static final String SOBOL = "sobol";
    /** The Tree-structured Parzen Estimator. */
    public static final String TPE = "tpe";
    /** BOBYQA with restarts (numeric parameters; the others by TPE). */
    public static final String BOBYQA = "bobyqa";
    /** CMA-ES with IPOP restarts (numeric parameters; the others by TPE). */
    public static final String CMAES = "cmaes";
    /** Picks bobyqa or tpe from the search space (see {@link AutoSampler}); the default. */
    public static final String AUTO = "auto";
    /** A genetic algorithm (generations of trials, on Jenetics). */
    public static final String GENETIC = "genetic";
    /** NSGA-II, for several directions. */
    public static final String NSGA2 = "nsga2";
    /** Genetic search over layouts with BOBYQA refining the continuous parameters. */
    public static final String HYBRID = "hybrid";
    /** The sampler types a study file may name. */
    public static final List<String> TYPES = List.of(AUTO, RANDOM, GRID, SOBOL, TPE, BOBYQA, CMAES, GENETIC, NSGA2, HYBRID);
    /** The options of {@code genetic} and {@code nsga2}, as written in study files. */
    public static final List<String> EVOLUTION_OPTIONS = List.of("population", "mutation", "crossover", "elites", "immigrants");
    /** The option of {@code hybrid} besides {@link #EVOLUTION_OPTIONS}: refinement trials per generation. */
    public static final String REFINE = "refine";
    /** The options of {@code tpe}, as written in study files. */
    public static final List<String> TPE_OPTIONS = List.of("startup-trials", "candidates", "multivariate", "constant-liar");
    /** Grid values per float or int axis when the file gives no {@code points}. */
    public static final int DEFAULT_GRID_POINTS = 5;

    public SamplerSpec {
        Objects.requireNonNull(type, "type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown sampler '" + type + "'; expected one of " + Hints.list(TYPES));
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A random sampler with the given seed. */
    public static SamplerSpec random(long seed) {
        return new SamplerSpec(RANDOM, seed, Map.of());
    }

    /** The default sampler, {@code auto}, with the given seed. */
    public static SamplerSpec auto(long seed) {
        return new SamplerSpec(AUTO, seed, Map.of());
    }

    /**
     * The seed used when a study file gives none: the 64-bit FNV-1a hash of the study name's
     * UTF-8 bytes. It depends on nothing but the name, so it is the same on every machine and
     * every Java version (unlike, say, an identity hash or the clock).
     */
    public static long defaultSeed(String studyName) {
        long h = 0xcbf29ce484222325L;
        for (byte b : studyName.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The grid's number of values per float or int axis without explicit values. */
    public int gridPoints() {
        Object p = options.get("points");
        return p == null ? DEFAULT_GRID_POINTS : (Integer) p;
    }

    /** The grid's explicit values by parameter name (empty when none are given). */
    @SuppressWarnings("unchecked")
    public Map<String, List<Object>> gridValues() {
        Object v = options.get("values");
        return v == null ? Map.of() : (Map<String, List<Object>>) v;
    }

    /** TPE's settings: the defaults of {@link TpeOptions}, overridden by the options given. */
    public TpeOptions tpeOptions() {
        TpeOptions o = TpeOptions.defaults();
        if (options.get("startup-trials") instanceof Number n) {
            o = o.withStartupTrials(n.intValue());
        }
        if (options.get("candidates") instanceof Number n) {
            o = o.withCandidates(n.intValue());
        }
        if (options.get("multivariate") instanceof Boolean b) {
            o = o.withMultivariate(b);
        }
        if (options.get("constant-liar") instanceof Boolean b) {
            o = o.withConstantLiar(b);
        }
        return o;
    }

    /**
     * The options of {@code genetic}, {@code nsga2} and {@code hybrid}'s genetic search: the
     * defaults (for {@code hybrid}, {@link HybridSampler#defaultOptions()}), overridden by the options given.
     */
    public EvolutionOptions evolutionOptions() {
        EvolutionOptions o = HYBRID.equals(type) ? HybridSampler.defaultOptions() : EvolutionOptions.defaults();
        if (options.get("population") instanceof Number n) {
            o = o.withPopulation(n.intValue());
        }
        if (options.get("mutation") instanceof Number p) {
            o = o.withMutation(p.doubleValue());
        }
        if (options.get("crossover") instanceof Number p) {
            o = o.withCrossover(p.doubleValue());
        }
        if (options.get("elites") instanceof Number n) {
            o = o.withElites(n.intValue());
        }
        if (options.get("immigrants") instanceof Number p) {
            o = o.withImmigrants(p.doubleValue());
        }
        return o;
    }

    /** The hybrid sampler's refinement trials per generation. */
    public int refineTrials() {
        return options.get(REFINE) instanceof Number n ? n.intValue() : HybridSampler.DEFAULT_REFINE;
    }

    /**
     * A new sampler of this type.
     *
     * @param seedOverride a seed to use instead of {@link #seed()} (e.g. from {@code --seed}), or null
     */
    public Sampler create(Long seedOverride) {
        long s = seedOverride != null ? seedOverride : seed;
        return switch (type) {
            case AUTO -> new AutoSampler(s);
            case RANDOM -> new RandomSampler(s);
            case GRID -> new GridSampler(s, gridPoints(), gridValues());
            case SOBOL -> new SobolSampler(s);
            case TPE -> new TpeSampler(s, tpeOptions());
            case BOBYQA -> new BobyqaSampler(s);
            case CMAES -> new CmaEsSampler(s, Boolean.TRUE.equals(options.get("separable")),
                    options.get("popsize") instanceof Number p ? Integer.valueOf(p.intValue()) : null);
            case GENETIC -> new GeneticSampler(s, evolutionOptions());
            case NSGA2 -> new Nsga2Sampler(s, evolutionOptions());
            case HYBRID -> new HybridSampler(s, evolutionOptions(), refineTrials());
            default -> throw new IllegalStateException("unknown sampler '" + type + "'");
        };
    }

    /** The section as in a study file: {@code type}, {@code seed}, then the options. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("seed", seed);
        m.putAll(options);
        return m;
    }
}
