package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search space shaped like an expanded layout — {@code blocks} (1..4), then per block a type
 * (conv, pool, dense) that exists only when the block does, and the type's own parameters — and
 * toy objectives over it.
 */
final class LayoutFixtures {

    static final int MAX_BLOCKS = 4;
    static final List<Object> TYPES = List.of("conv", "pool", "dense");
    private static final List<Object> ACTIVATIONS = List.of("relu", "tanh", "gelu");

    /** The target of {@link #layoutLoss}: conv 32 relu, conv 16 relu, dense 64 gelu, lr 3e-3. */
    private static final String[] TARGET_TYPE = {"conv", "conv", "dense"};
    private static final int[] TARGET_SIZE = {32, 16, 64};
    private static final String[] TARGET_ACT = {"relu", "relu", "gelu"};

    private LayoutFixtures() {
    }

    /** blocks, block_i_type/filters/units/activation for i &lt; 4, lr. */
    static SearchSpace layoutSpace() {
        List<ParamSpec> params = new ArrayList<>();
        params.add(ParamSpec.of("blocks", IntDistribution.of(1, MAX_BLOCKS)));
        for (int i = 0; i < MAX_BLOCKS; i++) {
            List<Object> deepEnough = new ArrayList<>();
            for (int b = i + 1; b <= MAX_BLOCKS; b++) {
                deepEnough.add(b);
            }
            String type = "block_" + i + "_type";
            params.add(new ParamSpec(type, new CategoricalDistribution(TYPES),
                    i == 0 ? null : new Condition("blocks", deepEnough)));
            params.add(new ParamSpec("block_" + i + "_filters", IntDistribution.log(4, 64),
                    new Condition(type, List.of("conv"))));
            params.add(new ParamSpec("block_" + i + "_units", IntDistribution.log(4, 256),
                    new Condition(type, List.of("dense"))));
            params.add(new ParamSpec("block_" + i + "_activation", new CategoricalDistribution(ACTIVATIONS),
                    new Condition(type, List.of("conv", "dense"))));
        }
        params.add(ParamSpec.of("lr", FloatDistribution.log(1e-4, 1e-1)));
        return SearchSpace.of(params);
    }

    /**
     * A mixed conditional toy, minimum 0 at the target layout: a wrong depth or block type costs 1
     * per block, a wrong width 0.25 per octave, a wrong activation 0.3, lr 0.5 per decade.
     */
    static double layoutLoss(Map<String, Object> p) {
        return structureLoss(p) + 0.5 * Math.abs(Math.log10((Double) p.get("lr") / 3e-3));
    }

    /** The part of {@link #layoutLoss} that the layout alone decides. */
    private static double structureLoss(Map<String, Object> p) {
        int blocks = (Integer) p.get("blocks");
        double loss = Math.abs(blocks - TARGET_TYPE.length);
        for (int i = 0; i < Math.min(blocks, TARGET_TYPE.length); i++) {
            String type = (String) p.get("block_" + i + "_type");
            if (!type.equals(TARGET_TYPE[i])) {
                loss += 1;
                continue;
            }
            int size = (Integer) p.get("block_" + i + (type.equals("conv") ? "_filters" : "_units"));
            loss += 0.25 * Math.abs(Math.log(size / (double) TARGET_SIZE[i]) / Math.log(2));
            loss += p.get("block_" + i + "_activation").equals(TARGET_ACT[i]) ? 0 : 0.3;
        }
        return loss;
    }

    /** {@link #layoutSpace()} and two more continuous parameters: weight decay (log) and dropout. */
    static SearchSpace tunedLayoutSpace() {
        List<ParamSpec> params = new ArrayList<>(layoutSpace().params());
        params.add(ParamSpec.of("wd", FloatDistribution.log(1e-6, 1e-2)));
        params.add(ParamSpec.of("dropout", FloatDistribution.of(0.0, 0.5)));
        return SearchSpace.of(params);
    }

    /**
     * A layout toy where the continuous parameters matter as much as the layout and their best
     * values depend on it, as a network's learning rate does on its depth: the layout part of
     * {@link #layoutLoss}, plus 1.5 per decade that lr is off 3e-3·2^(blocks − 3), 0.4 per decade
     * that wd is off 1e-4·3^(blocks − 2), and 3·(dropout − blocks/10)².
     */
    static double tunedLayoutLoss(Map<String, Object> p) {
        int blocks = (Integer) p.get("blocks");
        double lr = 3e-3 * Math.pow(2, blocks - 3);
        double wd = 1e-4 * Math.pow(3, blocks - 2);
        double dropout = (Double) p.get("dropout") - 0.1 * blocks;
        return structureLoss(p) + 1.5 * Math.abs(Math.log10((Double) p.get("lr") / lr))
                + 0.4 * Math.abs(Math.log10((Double) p.get("wd") / wd)) + 3 * dropout * dropout;
    }

    /** {@link #tunedLayoutLoss} of a trial's active parameters. */
    static double tunedLayoutLoss(Trial t) {
        return tunedLayoutLoss(tunedLayoutSpace().suggestAll(t));
    }

    /** {@link #layoutLoss} of a trial's active parameters. */
    static double layoutLoss(Trial t) {
        return layoutLoss(layoutSpace().suggestAll(t));
    }

    /**
     * Two objectives to minimise over the layout: {@link #layoutLoss} and a size — the sum of the
     * active blocks' widths — which pull apart, as accuracy and parameter count do.
     */
    static double[] lossAndSize(Trial t) {
        Map<String, Object> p = layoutSpace().suggestAll(t);
        double size = 0;
        for (int i = 0; i < (Integer) p.get("blocks"); i++) {
            Object w = p.getOrDefault("block_" + i + "_filters", p.get("block_" + i + "_units"));
            size += w == null ? 1 : (Integer) w;
        }
        return new double[] {layoutLoss(p), size};
    }
}
