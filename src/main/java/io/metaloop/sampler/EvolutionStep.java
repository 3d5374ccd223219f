package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trial's place in an evolutionary search: its generation, its index in the generation and
 * its genotype, one unit-interval gene per parameter (inactive parameters included). Stored as
 * system attribute {@value #ATTR} when the trial starts.
 *
 * @param space      names the parameters (a trial over another space never matches)
 * @param population the generation size it was bred for (another size starts over)
 * @param gen        the generation, from 0
 * @param index      the index in the generation; indices from {@code population} on are extra
 *                   offspring given to parallel workers while a generation is still running
 * @param x          the genotype: the unit-interval position of every parameter, in order
 */
record EvolutionStep(String space, int population, int gen, int index, double[] x) {

    /** The system attribute holding a trial's step. */
    static final String ATTR = "metaloop:ga";

    Map<String, Object> toAttr() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", space);
        m.put("population", population);
        m.put("gen", gen);
        m.put("idx", index);
        m.put("x", PointAttrs.toList(x));
        return m;
    }

    static Optional<EvolutionStep> of(FrozenTrial t) {
        if (!(t.systemAttrs().get(ATTR) instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        if (!(m.get("space") instanceof String space) || !(m.get("population") instanceof Number p)
                || !(m.get("gen") instanceof Number g) || !(m.get("idx") instanceof Number k)) {
            return Optional.empty();
        }
        return PointAttrs.fromList(m.get("x"))
                .map(x -> new EvolutionStep(space, p.intValue(), g.intValue(), k.intValue(), x));
    }

    /** Whether this step belongs to the search over {@code space} with generations of {@code population}. */
    boolean belongsTo(String space, int population) {
        return this.space.equals(space) && this.population == population;
    }
}
