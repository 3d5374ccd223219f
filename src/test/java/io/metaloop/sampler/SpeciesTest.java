package io.metaloop.sampler;

import io.metaloop.sampler.GenerationLedger.Member;
import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.Layout;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A layout's species is its depth in blocks that have a width; other trials' is their active parameters. */
class SpeciesTest {

    /** A trial of a layout with the given block types, as the flagship space names its parameters. */
    private static FrozenTrial layout(int number, double value, String... types) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Distribution> dists = new LinkedHashMap<>();
        params.put(Layout.BLOCKS, types.length);
        dists.put(Layout.BLOCKS, IntDistribution.of(1, 8));
        for (int i = 0; i < types.length; i++) {
            params.put(Layout.typeParam(i), types[i]);
            dists.put(Layout.typeParam(i), CategoricalDistribution.of("conv", "pool", "dense"));
            switch (types[i]) {
                case "conv" -> {
                    params.put(Layout.attributeParam(i, "conv", "filters"), 4 + i);
                    dists.put(Layout.attributeParam(i, "conv", "filters"), IntDistribution.of(4, 32));
                    params.put(Layout.attributeParam(i, "conv", "kernel"), 3);
                    dists.put(Layout.attributeParam(i, "conv", "kernel"), CategoricalDistribution.of(3, 5));
                }
                case "pool" -> { // integer values, but a categorical choice: not a width
                    params.put(Layout.attributeParam(i, "pool", "size"), 2);
                    dists.put(Layout.attributeParam(i, "pool", "size"), CategoricalDistribution.of(2));
                }
                default -> {
                    params.put(Layout.attributeParam(i, "dense", "units"), 16);
                    dists.put(Layout.attributeParam(i, "dense", "units"), IntDistribution.of(8, 64));
                    params.put(Layout.attributeParam(i, "dense", "dropout"), 0.1);
                    dists.put(Layout.attributeParam(i, "dense", "dropout"), new FloatDistribution(0, 0.3, false, null));
                }
            }
        }
        params.put("lr", 0.001 * (number + 1));
        dists.put("lr", new FloatDistribution(1e-4, 1e-1, true, null));
        return new FrozenTrial(number, number, TrialState.COMPLETE, List.of(value), null, null, params, dists, Map.of(),
                Map.of(), new TreeMap<>());
    }

    @Test
    void aLayoutsSpeciesCountsItsBlocksWithAWidthWhereverTheyStand() {
        Object convDense = Species.of(layout(0, 0, "conv", "pool", "dense"));
        assertEquals(Map.of("conv", 1, "dense", 1), convDense);
        assertEquals(convDense, Species.of(layout(1, 0, "pool", "conv", "dense")));
        assertEquals(convDense, Species.of(layout(2, 0, "dense", "conv", "pool", "pool")));
        assertNotEquals(convDense, Species.of(layout(3, 0, "conv", "pool", "conv", "dense")));
        assertEquals(Map.of("conv", 2), Species.of(layout(4, 0, "conv", "pool", "conv", "pool")));
        assertNotEquals(Species.of(layout(5, 0, "conv")), Species.of(layout(6, 0, "dense")));
        assertEquals(Map.of(), Species.of(layout(7, 0, "pool")));
    }

    @Test
    void otherTrialsSpeciesIsTheirActiveParameters() {
        FrozenTrial t = new FrozenTrial(0, 0, TrialState.COMPLETE, List.of(1.0), null, null,
                Map.of("optimizer", "sgd", "momentum", 0.9), Map.of(), Map.of(), Map.of(), new TreeMap<>());
        assertEquals(t.params().keySet(), Species.of(t));
    }

    @Test
    void aPopulationHoldsItsShareOfOneDepthHoweverThePoolingIsPlaced() {
        // ranked best first: four one-convolution layouts of different block sequences, then deeper ones
        List<FrozenTrial> trials = List.of(
                layout(0, 0.90, "conv", "pool"),
                layout(1, 0.89, "pool", "conv"),
                layout(2, 0.88, "conv", "pool", "pool"),
                layout(3, 0.87, "pool", "conv", "pool"),
                layout(4, 0.86, "conv", "conv", "pool"),
                layout(5, 0.85, "conv", "pool", "conv", "pool", "conv"),
                layout(6, 0.84, "conv", "pool", "conv"));
        List<Member> ranked = new ArrayList<>();
        for (FrozenTrial t : trials) {
            ranked.add(new Member(t, new double[] {t.number()}));
        }
        List<Integer> taken = EvolutionRanking.diverse(ranked, 4, 2).stream().map(m -> m.trial().number()).toList();
        assertEquals(List.of(0, 1, 4, 5), taken);
    }
}
