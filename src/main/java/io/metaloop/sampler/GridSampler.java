package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.StudyHistory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Grid search: every trial evaluates one point of a grid over the study's parameters.
 *
 * <p><b>The grid.</b> Per parameter, the explicit values given for its name, else every choice of
 * a categorical, every value of a small int range, or {@code pointsPerAxis} evenly spaced values
 * (in the logarithm for log ranges, on the step grid for stepped ones, ends included). The
 * parameters are the study's declared space, or — for define-by-run objectives — those of its
 * first finished trial; until such a trial exists, trials are sampled at random exactly as
 * {@link RandomSampler} would. Conditional parameters only multiply the grid where they exist.
 *
 * <p><b>Which point a trial takes.</b> The sampler keeps no state a process could lose (only
 * caches rebuilt from the history): each trial stores its point in the system attribute
 * {@value #GRID_ID} (with {@value #GRID_KEY} naming the grid it belongs to), and a new trial looks
 * at the stored trials. A point is taken when a COMPLETE, PRUNED or RUNNING
 * trial holds it; a failed trial frees its point. Trial {@code n} first tries its <em>own</em>
 * point {@code π(n mod size)}, where π is a permutation of the grid chosen by the seed. Trial
 * numbers are unique, so workers in any number of threads and processes never collide while they
 * take their own points, and the first {@code size} trials cover the grid exactly once when none
 * fails. If its own point is taken, a trial takes the {@code (n mod k)}-th of the {@code k} free
 * points in π order — different free points for consecutive trial numbers, so that concurrent
 * workers rarely collide. RUNNING trials that have not yet recorded a point are assumed to take
 * their own.
 *
 * <p><b>When the grid is used up</b> — every point held by a COMPLETE, PRUNED or RUNNING trial —
 * further trials visit the grid again in the same order (a second pass, a third…) when asked;
 * {@link io.metaloop.study.Study#optimize} asks {@link #isExhausted} first and stops instead.
 */
public final class GridSampler implements Sampler {

    /** The system attribute holding a trial's grid point number (Optuna's name for it). */
    public static final String GRID_ID = "grid_id";
    /** The system attribute identifying the grid that {@value #GRID_ID} refers to. */
    public static final String GRID_KEY = "metaloop:grid_key";

    private final long seed;
    private final int pointsPerAxis;
    private final Map<String, List<Object>> values;
    private final RandomSampler random;
    /** The last grid built, reused while the parameters stay the same (a cache, not state). */
    private final AtomicReference<Built> last = new AtomicReference<>();

    /**
     * A grid sampler.
     *
     * @param seed          chooses the order in which points are visited, and the random values
     *                      of parameters outside the grid
     * @param pointsPerAxis values per float axis, and the most per int axis; at least 2
     * @param values        explicit grid values per parameter name (strings, numbers, booleans or
     *                      null); may be empty
     */
    public GridSampler(long seed, int pointsPerAxis, Map<String, List<Object>> values) {
        if (pointsPerAxis < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per axis, got " + pointsPerAxis);
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        if (values != null) {
            for (Map.Entry<String, List<Object>> e : values.entrySet()) {
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw new IllegalArgumentException("grid values for parameter '" + e.getKey() + "' must not be empty");
                }
                // fails early on values no parameter could take (objects, nested lists)
                new CategoricalDistribution(e.getValue());
                copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
            }
        }
        this.seed = seed;
        this.pointsPerAxis = pointsPerAxis;
        this.values = Collections.unmodifiableMap(copy);
        this.random = new RandomSampler(seed);
    }

    /** A grid sampler with no explicit values. */
    public GridSampler(long seed, int pointsPerAxis) {
        this(seed, pointsPerAxis, Map.of());
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The number of values per float axis, and the most per int axis. */
    public int pointsPerAxis() {
        return pointsPerAxis;
    }

    /** The explicit grid values per parameter name. */
    public Map<String, List<Object>> values() {
        return values;
    }

    /**
     * The number of points of the grid over a declared search space. Fails, naming the parameter,
     * when an explicit value lies outside its distribution or names a parameter the space does
     * not declare — so a study file can be checked before any trial runs.
     */
    public long gridSize(SearchSpace space) {
        return Grid.over(space.params(), values, pointsPerAxis, true).size();
    }

    /**
     * Whether every grid point is held by a COMPLETE, PRUNED or RUNNING trial, so that a new
     * trial could only repeat a point. False while the grid is not known yet (a define-by-run
     * study without a finished trial). A RUNNING trial that later fails frees its point again.
     */
    @Override
    public boolean isExhausted(StudyHistory history) {
        Optional<Built> built = built(history);
        if (built.isEmpty()) {
            return false;
        }
        BitSet held = built.get().ledger().taken(history.trials(), -1, false);
        return held.cardinality() == built.get().grid().size();
    }

    @Override
    public Map<String, Object> beforeTrial(StudyHistory history, FrozenTrial trial) {
        Optional<Built> built = built(history);
        if (built.isEmpty()) {
            return Map.of();
        }
        Grid g = built.get().grid();
        SeededPermutation order = built.get().order();
        long size = g.size();
        BitSet taken = built.get().ledger().taken(history.trials(), trial.id(), true);
        long own = order.apply(trial.number() % size);
        long chosen = own;
        long free = size - taken.cardinality();
        if (taken.get((int) own) && free > 0) {
            long wanted = trial.number() % free;
            for (long p = 0; p < size; p++) {
                long point = order.apply(p);
                if (!taken.get((int) point) && wanted-- == 0) {
                    chosen = point;
                    break;
                }
            }
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(GRID_ID, (int) chosen);
        attrs.put(GRID_KEY, g.key());
        return attrs;
    }

    @Override
    public Map<String, Distribution> relativeSearchSpace(StudyHistory history, FrozenTrial trial) {
        Optional<Grid> grid = grid(history);
        if (grid.isEmpty() || gridId(trial, grid.get()).isEmpty()) {
            return Map.of();
        }
        return grid.get().distributions();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyHistory history, FrozenTrial trial, Map<String, Distribution> space) {
        Optional<Grid> grid = grid(history);
        if (grid.isEmpty()) {
            return Map.of();
        }
        Optional<Integer> id = gridId(trial, grid.get());
        if (id.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : grid.get().point(id.get()).entrySet()) {
            if (space.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Parameters outside the grid, and every parameter before the grid is known: at random. */
    @Override
    public Object sampleIndependent(StudyHistory history, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(history, trial, name, distribution);
    }

    /** The trial's grid point, if it holds one of this grid (attributes may come back from JSON as any number). */
    static Optional<Integer> gridId(FrozenTrial t, Grid g) {
        Object id = t.systemAttrs().get(GRID_ID);
        Object key = t.systemAttrs().get(GRID_KEY);
        if (!(id instanceof Number n) || !g.key().equals(key)) {
            return Optional.empty();
        }
        long v = n.longValue();
        return v >= 0 && v < g.size() && v == n.doubleValue() ? Optional.of((int) v) : Optional.empty();
    }

    private Optional<Grid> grid(StudyHistory history) {
        return built(history).map(Built::grid);
    }

    private Optional<Built> built(StudyHistory history) {
        List<ParamSpec> params = JointSpace.of(history);
        if (params.isEmpty()) {
            return Optional.empty();
        }
        boolean declared = JointSpace.isDeclared(history);
        Built b = last.get();
        if (b == null || b.declared() != declared || !b.params().equals(params)) {
            Grid g = Grid.over(params, values, pointsPerAxis, declared);
            SeededPermutation order = new SeededPermutation(seed, g.size());
            b = new Built(params, declared, g, order, new GridLedger(g, order));
            last.set(b);
        }
        return Optional.of(b);
    }

    /** A grid with the parameters it was built from, its visiting order and what its trials hold. */
    private record Built(List<ParamSpec> params, boolean declared, Grid grid, SeededPermutation order,
                         GridLedger ledger) {
    }
}
