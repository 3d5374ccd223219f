package io.metaloop.spec;

import io.metaloop.sampler.EvolutionOptions;
import io.metaloop.sampler.GeneticSampler;
import io.metaloop.sampler.HybridSampler;
import io.metaloop.sampler.Nsga2Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The {@code sampler: {type: genetic | nsga2 | hybrid, …}} sections of study files. */
class EvolutionSamplerSpecTest {

    @TempDir
    Path dir;

    private Path study(String samplerLine) {
        return write(dir, "studies/x.yaml", "name: x", "directions: [maximize, minimize]",
                "objective: {type: command, command: 'echo 1 2'}", samplerLine,
                "search-space: {params: {x: {type: float, low: 0, high: 1}}}");
    }

    private void assertRefused(String samplerLine, String path, String fragment) {
        Path f = study(samplerLine);
        assertProblem(fails(() -> StudyFiles.read(f)), f, 4, path, fragment);
    }

    @Test
    void readsEveryOption() {
        SamplerSpec s = StudyFiles.read(study(
                "sampler: {type: genetic, seed: 1, population: 24, mutation: 0.2, crossover: 0.5, elites: 3, immigrants: 0.25}"))
                .sampler();
        assertEquals(Map.of("type", "genetic", "seed", 1L, "population", 24, "mutation", 0.2, "crossover", 0.5, "elites", 3,
                "immigrants", 0.25), s.toMap());
        GeneticSampler g = assertInstanceOf(GeneticSampler.class, s.create(null));
        assertEquals(1, g.seed());
        assertEquals(new EvolutionOptions(24, 0.2, 0.5, 3, 0.25), g.options());
        assertEquals(6, g.options().immigrantCount());
        assertEquals(3, g.elites());
    }

    @Test
    void immigrantsAreAShareBelowOne() {
        assertRefused("sampler: {type: genetic, immigrants: 1}", "sampler.immigrants",
                "immigrants must be a share in [0, 1) of each generation, got 1.0");
        assertRefused("sampler: {type: hybrid, immigrants: many}", "sampler.immigrants", "a share of each generation in [0, 1)");
    }

    @Test
    void defaults() {
        GeneticSampler g = (GeneticSampler) StudyFiles.read(study("sampler: genetic")).sampler().create(5L);
        assertEquals(5, g.seed());
        assertEquals(EvolutionOptions.defaults(), g.options());
        assertEquals(GeneticSampler.DEFAULT_ELITES, g.elites());
        assertEquals(GeneticSampler.TOURNAMENT, g.tournament());
        Nsga2Sampler n = (Nsga2Sampler) StudyFiles.read(study("sampler: {type: nsga2, population: 30}")).sampler().create(null);
        assertEquals(30, n.elites(), "NSGA-II keeps the whole population");
        assertEquals(Nsga2Sampler.TOURNAMENT, n.tournament());
    }

    @Test
    void badValuesAreLocated() {
        assertRefused("sampler: {type: genetic, population: 1}", "sampler.population", "at least 2, got 1");
        assertRefused("sampler: {type: nsga2, population: many}", "sampler.population", "a whole number of trials");
        assertRefused("sampler: {type: genetic, mutation: 1.5}", "sampler.mutation", "probability in [0, 1], got 1.5");
        assertRefused("sampler: {type: nsga2, crossover: -0.1}", "sampler.crossover", "probability in [0, 1], got -0.1");
        assertRefused("sampler: {type: genetic, crossover: often}", "sampler.crossover", "a probability in [0, 1]");
        assertRefused("sampler: {type: genetic, population: 8, elites: 9}", "sampler.elites", "from 0 to the population (8), got 9");
        assertRefused("sampler: {type: nsga2, elites: -1}", "sampler.elites", "got -1");
        assertRefused("sampler: {type: genetic, popsize: 8}", "sampler.popsize", "unknown key 'popsize'");
    }

    @Test
    void hybridReadsEveryOptionAndHasItsOwnDefaults() {
        SamplerSpec s = StudyFiles.read(study(
                "sampler: {type: hybrid, seed: 1, population: 12, mutation: 0.1, crossover: 0.7, elites: 1, refine: 5}")).sampler();
        assertEquals(Map.of("type", "hybrid", "seed", 1L, "population", 12, "mutation", 0.1, "crossover", 0.7, "elites", 1,
                "refine", 5), s.toMap());
        HybridSampler h = assertInstanceOf(HybridSampler.class, s.create(null));
        assertEquals(new EvolutionOptions(12, 0.1, 0.7, 1, HybridSampler.DEFAULT_IMMIGRANTS), h.options());
        assertEquals(5, h.refine());
        HybridSampler d = (HybridSampler) StudyFiles.read(study("sampler: hybrid")).sampler().create(5L);
        assertEquals(5, d.seed());
        assertEquals(HybridSampler.defaultOptions(), d.options());
        assertEquals(HybridSampler.DEFAULT_POPULATION, d.options().population());
        assertEquals(HybridSampler.DEFAULT_REFINE, d.refine());
        assertEquals(GeneticSampler.DEFAULT_ELITES, d.elites());
        assertEquals(GeneticSampler.TOURNAMENT, d.tournament());
    }

    @Test
    void badHybridValuesAreLocated() {
        assertRefused("sampler: {type: hybrid, refine: -1}", "sampler.refine", "at least 0, got -1");
        assertRefused("sampler: {type: hybrid, refine: some}", "sampler.refine", "a whole number of refinement trials");
        assertRefused("sampler: {type: hybrid, elites: 9}", "sampler.elites", "from 0 to the population (8), got 9");
        assertRefused("sampler: {type: genetic, refine: 2}", "sampler.refine", "unknown key 'refine'");
        assertRefused("sampler: {type: hybrid, refines: 2}", "sampler.refines", "did you mean 'refine'");
    }
}
