package io.metaloop.sampler;

import io.metaloop.space.IntDistribution;
import io.metaloop.space.Layout;
import io.metaloop.study.FrozenTrial;

import java.util.Map;
import java.util.TreeMap;

/**
 * The species of a trial, for the diversity cap of an evolutionary population
 * ({@link EvolutionRanking#diverse}): trials of one species are alike enough that a population
 * full of them has stopped exploring.
 *
 * <p>For a layer layout (a trial with a {@value Layout#BLOCKS} parameter) the species is its
 * depth: how many blocks of each type that has a width — an integer attribute such as a
 * convolution's filters or a dense layer's units — so "conv, pool, dense" and "pool, conv, dense"
 * are one species and "conv, pool, conv" another; blocks without weights (pooling) do not count.
 * Depth is what decides how a network learns under a short training: shallow layouts learn
 * fastest in the first epochs and lead every early comparison, deeper ones learn slower and end
 * higher. Counting the block sequence instead gave every placement of the poolings, and every
 * drawn order of the dense blocks (which go last in the network anyway), a quarter of its own, so
 * one shallow depth could hold most of a population. On the flagship study the change was within
 * one seed's spread, and the seed that settles on one convolution and a pooling still does
 * (docs/ARCHITECTURE.md). For other spaces the species is the set of active parameters.
 */
final class Species {

    private Species() {
    }

    /** The species of {@code trial}; equal species are equal objects. */
    static Object of(FrozenTrial trial) {
        Map<String, Object> params = trial.params();
        if (!(params.get(Layout.BLOCKS) instanceof Number blocks)) {
            return params.keySet();
        }
        Map<String, Integer> depth = new TreeMap<>();
        for (int i = 0; i < blocks.intValue(); i++) {
            Object type = params.get(Layout.typeParam(i));
            if (type != null && hasWidth(trial, i, type.toString())) {
                depth.merge(type.toString(), 1, Integer::sum);
            }
        }
        return depth;
    }

    /** Whether block {@code block} of type {@code type} has an integer attribute in the trial. */
    private static boolean hasWidth(FrozenTrial trial, int block, String type) {
        String prefix = Layout.attributeParam(block, type, "");
        return trial.distributions().entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith(prefix) && e.getValue() instanceof IntDistribution);
    }
}
