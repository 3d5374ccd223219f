package io.metaloop.spec;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.Layout;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code layout:} section of search-space files. */
class LayoutSectionTest {

    @TempDir
    Path dir;

    private Path file(String... lines) {
        return write(dir, "search-spaces/l.yaml", lines);
    }

    private static final String[] GOOD = {
        "layout:",
        "  blocks: {min: 1, max: 4}",
        "  types:",
        "    conv:  {filters: {low: 4, high: 32, log: true}, kernel: [3, 5], activation: [relu, gelu]}",
        "    pool:  {kind: [max], size: [2]}",
        "    dense: {units: {low: 8, high: 128, log: true}, activation: [relu, tanh, gelu], dropout: {low: 0.0, high: 0.3}}",
        "params:",
        "  lr: {type: float, low: 1.0e-4, high: 1.0e-1, log: true}",
        "  momentum: {type: float, low: 0.0, high: 0.9, when: {blocks: [3, 4]}}",
    };

    @Test
    void readsALayoutBesideOrdinaryParameters() {
        SearchSpace s = SearchSpaceFiles.read(file(GOOD));
        Layout l = s.layout().orElseThrow();
        assertEquals(1, l.minBlocks());
        assertEquals(4, l.maxBlocks());
        assertEquals(List.of("conv", "pool", "dense"), List.copyOf(l.types().keySet()));
        assertEquals(Map.of("filters", IntDistribution.log(4, 32), "kernel", CategoricalDistribution.of(3, 5),
                "activation", CategoricalDistribution.of("relu", "gelu")), l.types().get("conv"));
        assertEquals(Map.of("kind", CategoricalDistribution.of("max"), "size", CategoricalDistribution.of(2)),
                l.types().get("pool"));
        assertEquals(FloatDistribution.of(0.0, 0.3), l.types().get("dense").get("dropout"));
        // the layout's parameters first, then the others, which may depend on them
        assertEquals(l.params(), s.params().subList(0, l.params().size()));
        assertEquals(List.of(ParamSpec.of("lr", FloatDistribution.log(1e-4, 1e-1)),
                new ParamSpec("momentum", FloatDistribution.of(0, 0.9), new Condition("blocks", List.of(3, 4)))),
                s.paramsBesideLayout());
        assertEquals(1 + 4 * (1 + 3 + 2 + 3) + 2, s.params().size());
    }

    @Test
    void writesBackToTheSameSpace() throws Exception {
        SearchSpace s = SearchSpaceFiles.read(file(GOOD));
        Map<String, Object> map = SearchSpaceFiles.toMap(s);
        assertEquals(List.of("layout", "params"), List.copyOf(map.keySet()));
        SearchSpace again = SearchSpaceFiles.parse(new YAMLMapper().writeValueAsString(map), "again");
        assertEquals(s.params(), again.params());
        assertEquals(s.layout(), again.layout());
        // a layout alone, with a fixed block count and a type left at its defaults
        SearchSpace only = SearchSpaceFiles.parse("layout: {blocks: 2, types: {dense: {}}}", "only");
        assertEquals(Map.of("layout", Map.of("blocks", Map.of("min", 2, "max", 2), "types", Map.of("dense", Map.of()))),
                SearchSpaceFiles.toMap(only));
        assertEquals(List.of("blocks", "block_0_type", "block_1_type"), only.params().stream().map(ParamSpec::name).toList());
    }

    @Test
    void everyMistakeIsReportedAtItsField() {
        Path f = file(
                "layout:",
                "  blocks: {min: 3, max: 2}",
                "  types:",
                "    conv:  {filters: {low: 4, high: 32}, stride: 2}",
                "    pooll: {kind: [max]}",
                "    pool:  {kind: [max, min], size: {low: 2, high: 3}}",
                "    dense: {units: [8, 8], dropout: {low: 0.0, high: 1.0}}",
                "params:",
                "  blocks: {type: int, low: 1, high: 2}");
        SpecException e = fails(() -> SearchSpaceFiles.read(f));
        assertProblem(e, f, 2, "layout.blocks.min", "min (3) must not be greater than max (2)");
        assertProblem(e, f, 4, "layout.types.conv.stride", "unknown key 'stride'; expected one of filters, kernel, activation");
        assertProblem(e, f, 5, "layout.types.pooll", "unknown block type 'pooll' (did you mean 'pool'?); expected one of conv, pool, dense");
        assertProblem(e, f, 6, "layout.types.pool.kind[1]", "expected max or avg (pool kind), got 'min'");
        assertProblem(e, f, 6, "layout.types.pool.size", "expected a list of choices or one value (a whole number >= 2), e.g. [2]");
        assertProblem(e, f, 7, "layout.types.dense.units[1]", "choice 8 is listed twice");
        assertProblem(e, f, 7, "layout.types.dense.dropout.high", "expected a number >= 0 and < 1 (dense dropout), got 1.0");
        // the layout could not be read, so its names are not reserved: the parameter reads
        assertEquals(7, e.problems().size(), e.getMessage());
        Path g = file("layout:", "  blocks: 2", "  types: {dense: {}}", "  depth: 3");
        assertProblem(fails(() -> SearchSpaceFiles.read(g)), g, 4, "layout.depth",
                "unknown key 'depth'; expected one of blocks, types");
    }

    @Test
    void attributeValuesAreCheckedOneByOne() {
        Path f = file(
                "layout:",
                "  blocks: {min: 1, max: 2}",
                "  types:",
                "    conv:",
                "      filters: {low: 0, high: 32}",
                "      kernel: [3, 4]",
                "      activation: [relu, swish]");
        SpecException e = fails(() -> SearchSpaceFiles.read(f));
        assertProblem(e, f, 5, "layout.types.conv.filters.low", "expected a whole number >= 1 (conv filters), got 0");
        assertProblem(e, f, 6, "layout.types.conv.kernel[1]", "expected an odd whole number >= 1 (conv kernel), got 4");
        assertProblem(e, f, 7, "layout.types.conv.activation[1]", "expected an activation: relu, leaky_relu, tanh, sigmoid, gelu (conv activation), got 'swish'");
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void aNetworkStudyStoresItsLayoutAndRefusesFlatLayoutNamesBesideIt() {
        Path ok = write(dir, "studies/ok.yaml", "name: ok", "direction: maximize",
                "objective: {type: network, data: digits}",
                "search-space: {layout: {blocks: 2, types: {dense: {}}}, params: {activation: {type: categorical, choices: [relu, tanh]}}}");
        StudySpec spec = StudyFiles.read(ok);
        assertEquals(SearchSpaceFiles.toMap(spec.searchSpace()), ((Map<?, ?>) spec.toMap().get("search-space")));
        assertTrue(((Map<?, ?>) spec.toMap().get("search-space")).containsKey("layout"), "the stored copy keeps the layout");
        Path f = write(dir, "studies/x.yaml", "name: x", "direction: maximize",
                "objective: {type: network, data: digits}",
                "search-space: {layout: {blocks: 2, types: {dense: {}}}, params: {units: {type: int, low: 4, high: 8}}}");
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, "search-space",
                "parameter 'units' sets the layout the flat way, which cannot be combined with a layer layout (blocks)");
    }

    @Test
    void theReferenceDocumentsEveryLayoutKeyTypeAndAttribute() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/study-files.md"));
        List<String> words = new java.util.ArrayList<>(LayoutSection.KEYS);
        words.add("layout");
        words.addAll(io.metaloop.objective.BlockAttribute.TYPES);
        for (io.metaloop.objective.BlockAttribute a : io.metaloop.objective.BlockAttribute.values()) {
            words.add(a.attribute());
        }
        for (String w : words) {
            assertTrue(doc.contains("`" + w + "`"), "docs/study-files.md does not mention `" + w + "`");
        }
    }

    @Test
    void layoutNamesAreReservedAndTheSectionsShapeIsChecked() {
        Path f = file(
                "layout: {blocks: {min: 1, max: 2}, types: {dense: {units: {low: 8, high: 64, log: true}}}}",
                "params:",
                "  block_0_type: {type: categorical, choices: [a]}",
                "  lr: {type: float, low: 0.001, high: 0.1, log: true}");
        SpecException e = fails(() -> SearchSpaceFiles.read(f));
        assertProblem(e, f, 3, "params.block_0_type", "parameter 'block_0_type' is one of the layout's; name it otherwise");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("layout: {blocks: {min: 1, max: 40}, types: {dense: {}}}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "layout.blocks.max", "max must be from 1 to 32, got 40");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("layout: {blocks: 2}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "layout.types", "missing; expected a mapping of block types");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("layout: {blocks: 2, types: {}}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "layout.types", "a layout needs at least one block type");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("layout: {blocks: 2, types: {dense: [units]}}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "layout.types.dense",
                "expected the attributes of a dense block (units, activation, dropout), or {} for the defaults");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("layout: {blocks: 2, types: {dense: {units: []}}}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "layout.types.dense.units", "expected at least one value");
        assertProblem(fails(() -> SearchSpaceFiles.read(file("params: {}"))),
                dir.resolve("search-spaces/l.yaml"), 1, "params", "a search space needs at least one parameter");
        assertTrue(fails(() -> SearchSpaceFiles.read(file("other: 1"))).getMessage().contains("unknown key 'other'"));
    }
}
