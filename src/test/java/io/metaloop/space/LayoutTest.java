package io.metaloop.space;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutTest {

    /** Two types: conv with filters and kernel, dense with units; 1 to 3 blocks. */
    private static Layout small() {
        Map<String, Map<String, Distribution>> types = new LinkedHashMap<>();
        Map<String, Distribution> conv = new LinkedHashMap<>();
        conv.put("filters", IntDistribution.log(4, 32));
        conv.put("kernel", CategoricalDistribution.of(3, 5));
        types.put("conv", conv);
        types.put("dense", Map.of("units", IntDistribution.log(8, 128)));
        return new Layout(1, 3, types);
    }

    @Test
    void expandsIntoConditionalParametersBlockByBlock() {
        List<ParamSpec> params = small().params();
        CategoricalDistribution type = CategoricalDistribution.of("conv", "dense");
        Condition isConv0 = new Condition("block_0_type", List.of("conv"));
        List<ParamSpec> expected = List.of(
                ParamSpec.of("blocks", IntDistribution.of(1, 3)),
                // block 0 always exists (min is 1)
                ParamSpec.of("block_0_type", type),
                new ParamSpec("block_0_conv_filters", IntDistribution.log(4, 32), isConv0),
                new ParamSpec("block_0_conv_kernel", CategoricalDistribution.of(3, 5), isConv0),
                new ParamSpec("block_0_dense_units", IntDistribution.log(8, 128), new Condition("block_0_type", List.of("dense"))),
                new ParamSpec("block_1_type", type, new Condition("blocks", List.of(2, 3))),
                new ParamSpec("block_1_conv_filters", IntDistribution.log(4, 32), new Condition("block_1_type", List.of("conv"))),
                new ParamSpec("block_1_conv_kernel", CategoricalDistribution.of(3, 5), new Condition("block_1_type", List.of("conv"))),
                new ParamSpec("block_1_dense_units", IntDistribution.log(8, 128), new Condition("block_1_type", List.of("dense"))),
                new ParamSpec("block_2_type", type, new Condition("blocks", List.of(3))));
        assertEquals(expected, params.subList(0, expected.size()));
        assertEquals(1 + 3 * 4, params.size());
        params.forEach(p -> assertTrue(Layout.BLOCK_PARAM.matcher(p.name()).matches() || p.name().equals("blocks"), p.name()));
    }

    @Test
    void aTrialGetsTheParametersOfItsBlocksOnly() {
        SearchSpace space = SearchSpace.of(small(), List.of(ParamSpec.of("lr", FloatDistribution.log(1e-4, 1e-1))));
        Map<String, Object> answers = Map.of("blocks", 2, "block_0_type", "conv", "block_1_type", "dense",
                "block_0_conv_filters", 8, "block_0_conv_kernel", 5, "block_1_dense_units", 16, "lr", 0.01);
        Map<String, Object> chosen = space.suggestAll((name, d) -> answers.get(name));
        assertEquals(answers, chosen, "block 2 and the other types' attributes are left out");
        assertEquals(List.of("blocks", "block_0_type", "block_0_conv_filters", "block_0_conv_kernel", "block_1_type",
                "block_1_dense_units", "lr"), List.copyOf(chosen.keySet()), "in declaration order");
        assertEquals(small(), space.layout().orElseThrow());
        assertEquals(List.of("lr"), space.paramsBesideLayout().stream().map(ParamSpec::name).toList());
    }

    @Test
    void aFixedBlockCountHasNoConditionalTypes() {
        Layout fixed = new Layout(2, 2, Map.of("dense", Map.of()));
        assertEquals(List.of(ParamSpec.of("blocks", IntDistribution.of(2, 2)),
                ParamSpec.of("block_0_type", CategoricalDistribution.of("dense")),
                ParamSpec.of("block_1_type", CategoricalDistribution.of("dense"))), fixed.params());
    }

    @Test
    void invalidLayoutsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Layout(3, 2, Map.of("dense", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> new Layout(0, 0, Map.of("dense", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> new Layout(1, Layout.MAX_BLOCKS + 1, Map.of("dense", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> new Layout(1, 2, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Layout(1, 2, Map.of("dense_x", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.of(small(),
                List.of(ParamSpec.of("blocks", IntDistribution.of(1, 2)))), "a name the layout uses");
    }
}
