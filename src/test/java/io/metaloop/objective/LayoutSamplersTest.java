package io.metaloop.objective;

import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.StudyFiles;
import io.metaloop.spec.StudySpec;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Study;
import io.metaloop.study.TrialRejectedException;
import io.metaloop.train.data.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sampler searches a layout space as ordinary conditional parameters: each trial gets
 * exactly the parameters whose conditions hold, and they always build a network. No training:
 * the value is a made-up function of the network's size, so this runs in a moment.
 */
class LayoutSamplersTest {

    private static final Shape DIGITS = new Shape(1, 8, 8);

    @ParameterizedTest
    @ValueSource(strings = {"random", "{type: grid, points: 2}", "sobol", "tpe", "bobyqa", "cmaes", "genetic", "hybrid", "auto"})
    void everySamplerSearchesTheDigitsLayout(String sampler) {
        StudySpec spec = StudyFiles.parse("""
                name: samplers
                direction: maximize
                objective: {type: network, data: digits, max-params: 3000}
                search-space: search-spaces/digits-layout.yaml
                sampler: %s
                """.formatted(sampler), Path.of("samplers.yaml"));
        SearchSpace space = spec.space();
        Study study = Study.builder(new InMemoryStorage(), "samplers").directions(spec.directions())
                .sampler(spec.sampler().create(null)).searchSpace(space).create();
        Objective objective = Objective.single(t -> {
            Map<String, Object> params = space.suggestAll(t);
            long count = NetworkParams.network(params, DIGITS, 10).parameterCount();
            if (count > 3000) {
                throw new TrialRejectedException(count + " parameters > max-params 3000");
            }
            return -Math.abs(Math.log(count / 1500.0));
        });
        OptimizeResult r = study.optimize(objective, Budget.trials(30));
        assertEquals(OptimizeResult.StopReason.TRIAL_BUDGET, r.stopReason(), sampler);
        for (FrozenTrial t : study.trials()) {
            assertTrue(t.isRejected() || t.state() == io.metaloop.study.TrialState.COMPLETE, t.failReason());
            for (ParamSpec p : space.params()) {
                boolean exists = p.condition() == null || p.condition().holds(t.params());
                assertEquals(exists, t.params().containsKey(p.name()), sampler + ": " + p.name() + " in " + t.params());
            }
        }
    }
}
