package io.metaloop.spec;

import io.metaloop.objective.NetworkSettings;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Direction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example files in the repository (read from the project root, Maven's working directory) are valid. */
class ShippedFilesTest {

    private static List<Path> yamlFiles(String folder) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(folder))) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyShippedStudyReads() throws IOException {
        List<Path> files = yamlFiles("studies");
        assertTrue(files.size() >= 3, "expected the example studies, found " + files);
        for (Path f : files) {
            StudySpec s = StudyFiles.read(f);
            assertFalse(s.space().isEmpty(), f + " searches no parameters");
        }
    }

    @Test
    void everyShippedSearchSpaceReads() throws IOException {
        List<Path> files = yamlFiles("search-spaces");
        assertFalse(files.isEmpty(), "expected search-spaces/example.yaml");
        for (Path f : files) {
            SearchSpace s = SearchSpaceFiles.read(f);
            assertFalse(s.isEmpty(), f + " declares no parameters");
        }
        SearchSpace example = SearchSpaceFiles.read(Path.of("search-spaces/example.yaml"));
        assertTrue(example.params().stream().anyMatch(p -> p.condition() != null), "the example shows a condition");
    }

    @Test
    void quickstartIsANetworkStudyOnTheDigits() {
        StudySpec s = StudyFiles.read(Path.of("studies/quickstart.yaml"));
        assertEquals("quickstart", s.name());
        assertEquals("digits", s.objective().networkSettings().data());
        assertEquals(10000, s.objective().networkSettings().maxParams());
        assertEquals("tpe", s.sampler().type());
        assertEquals(150, s.budget().trials());
        assertEquals("sqlite:studies/quickstart.db", s.storageUrl());
    }

    @Test
    void theFashionMnistStudiesAreTheHybridFlagshipAndItsParetoTwin() {
        StudySpec flagship = StudyFiles.read(Path.of("studies/fashion-mnist-10k.yaml"));
        assertEquals(new SamplerSpec(SamplerSpec.HYBRID, 1, Map.of()), flagship.sampler());
        assertEquals(List.of(Direction.MAXIMIZE), flagship.directions());

        StudySpec pareto = StudyFiles.read(Path.of("studies/fashion-mnist-pareto.yaml"));
        assertEquals("fashion-mnist-pareto", pareto.name());
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE), pareto.directions());
        NetworkSettings settings = pareto.objective().networkSettings();
        assertEquals(List.of(NetworkSettings.VAL_ACCURACY, NetworkSettings.PARAMS), settings.metrics());
        NetworkSettings flagshipSettings = flagship.objective().networkSettings();
        assertEquals(flagshipSettings.data(), settings.data(), "the flagship's data");
        assertEquals(flagshipSettings.maxParams(), settings.maxParams(), "the flagship's parameter budget");
        // the flagship trains up to 12 epochs under ASHA; the front is searched with short, unpruned trials
        assertEquals(12, flagshipSettings.epochs());
        assertEquals(3, settings.epochs());
        assertEquals(flagship.space().params(), pareto.space().params(), "the flagship's space");
        assertEquals(SamplerSpec.NSGA2, pareto.sampler().type());
        assertEquals(Duration.ofMinutes(5), pareto.budget().time());
        assertEquals(Path.of("best/fashion-mnist-pareto.yaml"), pareto.export());
    }

    @Test
    void theReferenceDocumentsEveryKeyAndType() throws IOException {
        String doc = Files.readString(Path.of("docs/study-files.md"));
        for (List<String> words : List.of(StudyFiles.KEYS, SamplerSpec.TYPES, PrunerSpec.TYPES, ObjectiveSpec.TYPES,
                ParamReader.TYPES, List.of("when", "choices", "points", "values", "seed", "dimension", "trials", "time"))) {
            for (String w : words) {
                assertTrue(doc.contains("`" + w + "`"), "docs/study-files.md does not mention `" + w + "`");
            }
        }
    }
}
