package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.metaloop.sampler.SamplerFixtures.conditionalSpace;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link AutoSampler}, and that it then proposes exactly what the picked sampler would. */
class AutoSamplerTest {

    private static String choiceFor(SearchSpace space) {
        return AutoSampler.choice(create(new InMemoryStorage(), "s", new AutoSampler(1), space).history());
    }

    @Test
    void mostlyNumericSpacesGoToBobyqa() {
        assertEquals("bobyqa", choiceFor(mixedSpace()), "6 numeric, 1 categorical");
        assertEquals("bobyqa", choiceFor(SearchSpace.of(List.of(
                ParamSpec.of("a", FloatDistribution.of(0, 1)),
                ParamSpec.of("b", IntDistribution.of(0, 9)),
                ParamSpec.of("c", CategoricalDistribution.of("x", "y")),
                ParamSpec.of("d", CategoricalDistribution.of("x", "y"))))), "2 numeric, 2 categorical: a tie goes to bobyqa");
    }

    @Test
    void categoricalConditionalOneDimensionalAndMultiObjectiveStudiesGoToTpe() {
        assertEquals("tpe", choiceFor(conditionalSpace()), "one unconditional numeric parameter");
        assertEquals("tpe", choiceFor(SearchSpace.of(List.of(ParamSpec.of("x", FloatDistribution.of(0, 1))))));
        assertEquals("tpe", choiceFor(SearchSpace.of(List.of(
                ParamSpec.of("a", FloatDistribution.of(0, 1)),
                ParamSpec.of("b", FloatDistribution.of(0, 1)),
                ParamSpec.of("c", CategoricalDistribution.of("x", "y")),
                ParamSpec.of("d", CategoricalDistribution.of("x", "y")),
                ParamSpec.of("e", CategoricalDistribution.of("x", "y"))))), "categoricals outnumber");
        Study twoObjectives = Study.builder(new InMemoryStorage(), "mo").directions(List.of(Direction.MINIMIZE, Direction.MINIMIZE))
                .sampler(new AutoSampler(1)).searchSpace(mixedSpace()).create();
        assertEquals("tpe", AutoSampler.choice(twoObjectives.history()));
        assertTrue(AutoSampler.describe(twoObjectives.history()).contains("several objectives"));
    }

    @Test
    void layoutSpacesGoToHybridWithAnyNumberOfDirections() {
        Study one = create(new InMemoryStorage(), "layout", new AutoSampler(1), LayoutFixtures.tunedLayoutSpace());
        assertEquals("hybrid", AutoSampler.choice(one.history()));
        assertEquals("hybrid (a layer layout: genetic search over all 20 parameters, bobyqa refining lr, wd, dropout"
                + " of the best trial after each generation)", AutoSampler.describe(one.history()));
        Study two = Study.builder(new InMemoryStorage(), "mo").directions(List.of(Direction.MINIMIZE, Direction.MINIMIZE))
                .sampler(new AutoSampler(1)).searchSpace(LayoutFixtures.layoutSpace()).create();
        assertEquals("hybrid", AutoSampler.choice(two.history()));
        assertTrue(AutoSampler.describe(two.history()).contains("several objectives: no refinement"), AutoSampler.describe(two.history()));
    }

    @Test
    void defineByRunStudiesDecideOnceTheFirstTrialShowsTheParameters() {
        Study s = Study.builder(new InMemoryStorage(), "dbr").sampler(new AutoSampler(1)).create();
        assertEquals("tpe", AutoSampler.choice(s.history()));
        s.optimize(Objective.single(t -> Math.pow(t.suggestFloat("x", -1, 1), 2) + Math.pow(t.suggestFloat("y", -1, 1), 2)),
                Budget.trials(1));
        assertEquals("bobyqa", AutoSampler.choice(s.history()));
        assertTrue(AutoSampler.describe(s.history()).startsWith("bobyqa (2 of 2 parameters"), AutoSampler.describe(s.history()));
    }

    @Test
    void proposesWhatThePickedSamplerWould() {
        assertEquals(uninterrupted(BobyqaSampler::new, 3, mixedSpace(), 40), uninterrupted(AutoSampler::new, 3, mixedSpace(), 40));
        assertEquals(uninterrupted(TpeSampler::new, 3, conditionalSpace(), 40), uninterrupted(AutoSampler::new, 3, conditionalSpace(), 40));
        assertEquals(uninterrupted(HybridSampler::new, 3, LayoutFixtures.layoutSpace(), 30),
                uninterrupted(AutoSampler::new, 3, LayoutFixtures.layoutSpace(), 30));
    }
}
