package io.metaloop.sampler;

import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import static io.metaloop.sampler.SamplerFixtures.assertAllInside;
import static io.metaloop.sampler.SamplerFixtures.create;
import static io.metaloop.sampler.SamplerFixtures.killedAndResumed;
import static io.metaloop.sampler.SamplerFixtures.mixedSpace;
import static io.metaloop.sampler.SamplerFixtures.run;
import static io.metaloop.sampler.SamplerFixtures.uninterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every sampler promises: kill -9 and resume changes nothing; parallel workers never share a point. */
class EverySamplerTest {

    record Named(String name, LongFunction<Sampler> factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named> samplers() {
        return Stream.of(
                new Named("auto", AutoSampler::new),
                new Named("random", RandomSampler::new),
                new Named("sobol", SobolSampler::new),
                new Named("grid", seed -> new GridSampler(seed, 4, Map.of())),
                new Named("tpe", TpeSampler::new),
                new Named("tpe-univariate", seed -> new TpeSampler(seed, TpeOptions.defaults().withMultivariate(false))),
                new Named("bobyqa", BobyqaSampler::new),
                new Named("cmaes", seed -> new CmaEsSampler(seed, false, null)),
                new Named("cmaes-separable", seed -> new CmaEsSampler(seed, true, null)),
                new Named("genetic", GeneticSampler::new),
                new Named("nsga2", Nsga2Sampler::new),
                new Named("hybrid", HybridSampler::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void killedInTheMiddleOfATrialResumesAsIfUninterrupted(Named sampler) {
        // with the hybrid's defaults (8 + 2 per round) trial 9 is in a refinement phase
        for (int cut : new int[] {0, 5, 9, 17}) {
            assertEquals(uninterrupted(sampler.factory(), 11, mixedSpace(), 30),
                    killedAndResumed(sampler.factory(), 11, mixedSpace(), cut, 30), "killed in trial " + cut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplers")
    void parallelWorkersNeverShareAPoint(Named sampler) {
        Study s = create(new InMemoryStorage(), "parallel", sampler.factory().apply(4), mixedSpace());
        run(s, mixedSpace(), 60, 4);
        assertAllInside(s, 60);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            assertTrue(points.add(t.params()), "trial " + t.number() + " repeats " + t.params());
        }
    }
}
