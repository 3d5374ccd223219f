package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Condition;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageUrls;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Owner;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Studies, spaces and checks shared by the sampler tests. */
final class SamplerFixtures {

    private SamplerFixtures() {
    }

    /** One parameter of every kind: log, step, int (plain, log, stepped), categorical of mixed types. */
    static SearchSpace mixedSpace() {
        return SearchSpace.of(List.of(
                ParamSpec.of("lr", FloatDistribution.log(1e-5, 1e-1)),
                ParamSpec.of("dropout", FloatDistribution.stepped(0.0, 0.5, 0.1)),
                ParamSpec.of("x", FloatDistribution.of(-2.0, 3.0)),
                ParamSpec.of("units", IntDistribution.log(4, 256)),
                ParamSpec.of("depth", IntDistribution.of(1, 4)),
                ParamSpec.of("width", new IntDistribution(8, 64, false, 8)),
                ParamSpec.of("act", new CategoricalDistribution(Arrays.asList("relu", "tanh", 3, true, null)))));
    }

    /** "momentum" exists only for sgd, "beta" only for adam. */
    static SearchSpace conditionalSpace() {
        return SearchSpace.of(List.of(
                ParamSpec.of("optimizer", CategoricalDistribution.of("sgd", "adam")),
                new ParamSpec("momentum", FloatDistribution.of(0.0, 0.9), new Condition("optimizer", List.of("sgd"))),
                new ParamSpec("beta", FloatDistribution.log(0.9, 0.999), new Condition("optimizer", List.of("adam"))),
                ParamSpec.of("lr", FloatDistribution.log(1e-3, 1e-1))));
    }

    /** A new study of {@code space} in {@code storage}. */
    static Study create(Storage storage, String name, Sampler sampler, SearchSpace space) {
        return Study.builder(storage, name).sampler(sampler).searchSpace(space).create();
    }

    /** An objective that asks for the active parameters of {@code space} and returns a value of them. */
    static Objective objectiveOf(SearchSpace space) {
        return Objective.single(t -> space.suggestAll(t).toString().hashCode() % 1000 / 1000.0);
    }

    /** Runs until the study has {@code trials} trials, with {@code jobs} threads. */
    static void run(Study study, SearchSpace space, int trials, int jobs) {
        study.optimize(objectiveOf(space), Budget.trials(trials), OptimizeOptions.defaults().withJobs(jobs));
    }

    /**
     * Runs {@code trials} trials of {@code loss} with {@code jobs} workers whose trials take 0 to
     * 2 ms, so that they finish out of order, and asserts that all ended COMPLETE inside the space.
     */
    static void runUneven(Study study, Objective.SingleObjective loss, int trials, int jobs) {
        study.optimize(Objective.single(t -> {
            double v = loss.evaluate(t);
            Thread.sleep(t.number() % 3);
            return v;
        }), Budget.trials(trials), OptimizeOptions.defaults().withJobs(jobs));
        assertAllInside(study, trials);
    }

    /** Each trial's parameters by trial number. */
    static Map<Integer, Map<String, Object>> paramsByNumber(Study study) {
        Map<Integer, Map<String, Object>> out = new TreeMap<>();
        for (FrozenTrial t : study.trials()) {
            out.put(t.number(), new LinkedHashMap<>(t.params()));
        }
        return out;
    }

    /** Runs {@code trials} trials in one go, in a fresh in-memory storage. */
    static Map<Integer, Map<String, Object>> uninterrupted(LongFunction<Sampler> sampler, long seed,
                                                           SearchSpace space, int trials) {
        Study s = create(new InMemoryStorage(), "uninterrupted", sampler.apply(seed), space);
        run(s, space, trials, 1);
        return paramsByNumber(s);
    }

    /**
     * Runs {@code first} trials, then opens the study again as a new process would — a new
     * {@link Study} and a new sampler on the same storage — and runs up to {@code total}.
     */
    static Map<Integer, Map<String, Object>> resumed(LongFunction<Sampler> sampler, long seed,
                                                     SearchSpace space, int first, int total) {
        InMemoryStorage storage = new InMemoryStorage();
        run(create(storage, "resumed", sampler.apply(seed), space), space, first, 1);
        Study again = Study.builder(storage, "resumed").sampler(sampler.apply(seed)).searchSpace(space).load();
        run(again, space, total, 1);
        return paramsByNumber(again);
    }

    /**
     * Like {@link #resumed}, on a SQLite file in {@code dir}: the first process closes its storage
     * after {@code first} trials and the second opens the file afresh.
     */
    static Map<Integer, Map<String, Object>> resumedOnSqlite(LongFunction<Sampler> sampler, long seed, SearchSpace space,
                                                             int first, int total, Path dir) {
        String url = "sqlite:" + dir.resolve("resumed.db");
        try (Storage storage = StorageUrls.open(url)) {
            run(create(storage, "resumed", sampler.apply(seed), space), space, first, 1);
        }
        try (Storage storage = StorageUrls.open(url)) {
            Study again = Study.builder(storage, "resumed").sampler(sampler.apply(seed)).searchSpace(space).load();
            run(again, space, total, 1);
            return paramsByNumber(again);
        }
    }

    /**
     * Like {@link #resumed}, but the first process dies in the middle of trial {@code first}
     * (as under kill -9): the trial has sampled its parameters and reported a value, and is left
     * RUNNING with an owner that no longer exists. The second process must find it lost, run it
     * again under its number, and go on as if nothing had happened.
     */
    static Map<Integer, Map<String, Object>> killedAndResumed(LongFunction<Sampler> sampler, long seed,
                                                              SearchSpace space, int first, int total) {
        InMemoryStorage storage = new InMemoryStorage();
        Study dying = create(storage, "killed", sampler.apply(seed), space);
        run(dying, space, first, 1);
        io.metaloop.study.Trial cut = dying.ask();
        space.suggestAll(cut);
        cut.report(0.5, 0);
        Owner gone = new Owner(Owner.current().host(), Owner.current().pid(), 1); // same pid, another start: dead
        storage.setTrialSystemAttr(cut.id(), SystemAttrs.OWNER, gone.toAttr());
        Study again = Study.builder(storage, "killed").sampler(sampler.apply(seed)).searchSpace(space).load();
        run(again, space, total, 1);
        assertEquals(total, again.trials().size(), "the lost trial is run again under its own number");
        return paramsByNumber(again);
    }

    /** Asserts every trial is COMPLETE and every value lies in its distribution, with the right Java type. */
    static void assertAllInside(Study study, int expectedTrials) {
        List<FrozenTrial> trials = study.trials();
        assertEquals(expectedTrials, trials.size());
        for (FrozenTrial t : trials) {
            assertEquals(TrialState.COMPLETE, t.state(), () -> "trial " + t.number() + ": " + t.failReason());
            for (Map.Entry<String, Object> e : t.params().entrySet()) {
                Distribution d = t.distributions().get(e.getKey());
                Object v = e.getValue();
                if (d instanceof FloatDistribution) {
                    assertInstanceOf(Double.class, v, e.getKey());
                } else if (d instanceof IntDistribution) {
                    assertInstanceOf(Integer.class, v, e.getKey());
                } else {
                    assertTrue(((CategoricalDistribution) d).indexOf(v) >= 0, e.getKey() + "=" + v);
                }
                assertTrue(d.contains(d.toInternal(v)), () -> e.getKey() + "=" + v + " outside " + d);
            }
        }
    }
}
