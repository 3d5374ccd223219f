package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.ParamSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.metaloop.sampler.LayoutFixtures.layoutSpace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crossover and mutation on a layout-shaped space: depth and block types change, inactive genes are carried. */
class BreederTest {

    private static final List<ParamSpec> PARAMS = layoutSpace().params();

    /** A genotype of the layout space with every block of one type and the given depth. */
    private static double[] layout(int blocks, String type, double rest) {
        double[] x = new double[PARAMS.size()];
        for (int j = 0; j < x.length; j++) {
            String name = PARAMS.get(j).name();
            if (name.equals("blocks")) {
                x[j] = Distributions.toUnit(PARAMS.get(j).distribution(), blocks);
            } else if (name.endsWith("_type")) {
                x[j] = Distributions.toUnit(PARAMS.get(j).distribution(), type);
            } else {
                x[j] = rest;
            }
        }
        return x;
    }

    private static List<Map<String, Object>> offspring(EvolutionOptions o, List<double[]> parents, int n) {
        Breeder b = new Breeder(PARAMS, o, GeneticSampler.TOURNAMENT);
        List<Map<String, Object>> out = new ArrayList<>();
        for (double[] x : b.breed(parents, n, 1, new SplittableRandom(1))) {
            out.add(b.configuration(x));
        }
        return out;
    }

    private static Set<Object> activeTypes(List<Map<String, Object>> configs) {
        Set<Object> types = new HashSet<>();
        for (Map<String, Object> c : configs) {
            for (int i = 0; i < (Integer) c.get("blocks"); i++) {
                types.add(c.get("block_" + i + "_type"));
            }
        }
        return types;
    }

    @Test
    void mutationChangesTheDepthAndTheBlockTypes() {
        List<double[]> parents = List.of(layout(2, "conv", 0.5), layout(2, "conv", 0.4));
        List<Map<String, Object>> children = offspring(new EvolutionOptions(8, 0.2, 0, null), parents, 200);
        Set<Object> depths = new HashSet<>();
        children.forEach(c -> depths.add(c.get("blocks")));
        assertTrue(depths.size() >= 3, "depths " + depths);
        assertEquals(Set.of("conv", "pool", "dense"), activeTypes(children));
    }

    @Test
    void crossoverMixesDepthsAndBlocksOfTwoParents() {
        List<double[]> parents = List.of(layout(1, "dense", 0.3), layout(4, "conv", 0.7));
        List<Map<String, Object>> children = offspring(new EvolutionOptions(8, 0, 1, null), parents, 200);
        boolean mixed = false;
        Set<Object> depths = new HashSet<>();
        for (Map<String, Object> c : children) {
            depths.add(c.get("blocks"));
            Set<Object> types = activeTypes(List.of(c));
            mixed |= types.size() == 2;
        }
        assertEquals(Set.of(1, 4), depths, "the depth gene comes from one parent or the other");
        assertTrue(mixed, "some offspring have blocks of both parents");
    }

    /** A shallow parent still carries genes for blocks it does not use; deepening it brings them back. */
    @Test
    void deepeningReactivatesCarriedGenes() {
        double[] shallow = layout(1, "dense", 0.6);
        int t1 = PARAMS.indexOf(PARAMS.stream().filter(p -> p.name().equals("block_1_type")).findFirst().orElseThrow());
        shallow[t1] = Distributions.toUnit(PARAMS.get(t1).distribution(), "pool");
        Breeder b = new Breeder(PARAMS, new EvolutionOptions(8, 0.3, 0, null), GeneticSampler.TOURNAMENT);
        assertFalse(b.configuration(shallow).containsKey("block_1_type"));
        int deepened = 0;
        int carried = 0;
        for (double[] x : b.breed(List.of(shallow, shallow.clone()), 600, 1, new SplittableRandom(2))) {
            Map<String, Object> c = b.configuration(x);
            if ((Integer) c.get("blocks") > 1) {
                deepened++;
                carried += "pool".equals(c.get("block_1_type")) ? 1 : 0;
            }
        }
        assertTrue(deepened > 0);
        assertTrue(carried > deepened / 2, carried + " of " + deepened + " deepened offspring kept block 1's carried type");
    }

    @Test
    void breedingIsAFunctionOfTheParentsAndTheGenerator() {
        Breeder b = new Breeder(PARAMS, EvolutionOptions.defaults(), GeneticSampler.TOURNAMENT);
        List<double[]> parents = List.of(layout(1, "dense", 0.3), layout(4, "conv", 0.7), layout(2, "pool", 0.5));
        List<double[]> once = b.breed(parents, 10, 3, new SplittableRandom(9));
        List<double[]> again = b.breed(parents, 10, 3, new SplittableRandom(9));
        for (int i = 0; i < once.size(); i++) {
            assertArrayEquals(once.get(i), again.get(i));
        }
    }

    @Test
    void duplicatesAreMutatedUntilNew() {
        Breeder b = new Breeder(PARAMS, EvolutionOptions.defaults(), GeneticSampler.TOURNAMENT);
        Set<Map<String, Object>> seen = new HashSet<>();
        double[] x = layout(2, "pool", 0.5);
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 20; i++) {
            b.unique(x, seen, r);
        }
        assertEquals(20, seen.size());
    }

    /** In a layout space a new learning rate does not make a new offspring: the layout must differ. */
    @Test
    void inALayoutSpaceOffspringDifferInTheirLayout() {
        Breeder b = new Breeder(PARAMS, EvolutionOptions.defaults(), GeneticSampler.TOURNAMENT);
        int lr = PARAMS.indexOf(PARAMS.stream().filter(p -> p.name().equals("lr")).findFirst().orElseThrow());
        double[] x = layout(2, "conv", 0.5);
        double[] otherRate = x.clone();
        otherRate[lr] = 0.9;
        assertEquals(b.identity(x), b.identity(otherRate));
        assertFalse(b.identity(x).containsKey("lr"));
        Set<Map<String, Object>> seen = new HashSet<>();
        b.unique(x, seen, new SplittableRandom(5));
        double[] y = b.unique(otherRate, seen, new SplittableRandom(5));
        Map<String, Object> first = new HashMap<>(b.configuration(x));
        Map<String, Object> second = new HashMap<>(b.configuration(y));
        first.remove("lr");
        second.remove("lr");
        assertFalse(first.equals(second), "the repeat was mutated to another layout: " + second);
        assertEquals(2, seen.size());
    }

    /** With few discrete structures every parameter counts, so offspring may share a layout and differ in lr. */
    @Test
    void inASmallSpaceTheContinuousParametersCountToo() {
        List<ParamSpec> small = List.of(ParamSpec.of("optimizer", new CategoricalDistribution(List.of("adam", "sgd"))),
                ParamSpec.of("lr", FloatDistribution.log(1e-4, 1e-1)));
        Breeder b = new Breeder(small, EvolutionOptions.defaults(), GeneticSampler.TOURNAMENT);
        assertEquals(Set.of("optimizer", "lr"), b.identity(new double[]{0.2, 0.5}).keySet());
        Set<Map<String, Object>> seen = new HashSet<>();
        b.unique(new double[]{0.2, 0.5}, seen, new SplittableRandom(6));
        double[] y = b.unique(new double[]{0.2, 0.7}, seen, new SplittableRandom(6));
        assertArrayEquals(new double[]{0.2, 0.7}, y, "a new learning rate is new enough");
    }
}
