package io.metaloop.cli;

import io.metaloop.bench.OverheadBench;
import io.metaloop.spec.SamplerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code metaloop bench overhead}: framework cost per trial, in the format of optuna_overhead.py. */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = {"Cost per trial of the framework on a trivial 4-parameter objective.",
                "Prints: SAMPLER STORAGE N TOTAL_S MS_PER_TRIAL MS_PER_TRIAL_LAST_100 best=V"})
final class BenchOverheadCommand implements Callable<Integer> {

    @Option(names = "--sampler", defaultValue = "random",
            description = "auto, random, sobol, grid, tpe, bobyqa, cmaes, genetic, nsga2 or hybrid (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--storage", defaultValue = "sqlite", description = "memory or sqlite (default: ${DEFAULT-VALUE}).")
    String storage;

    @Option(names = "--trials", defaultValue = "1000", description = "Number of trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", defaultValue = "1", description = "Sampler seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--curve", description = {"Also print, on standard error, wall-clock and main-thread CPU milliseconds",
            "per trial for each hundred trials (to see where warm-up ends)."})
    boolean curve;

    @Override
    public Integer call() {
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
        }
        var s = new SamplerSpec(sampler, seed, Map.of()).create(null);
        System.out.println(new OverheadBench(sampler, s, storage, trials, curve).run());
        return 0;
    }
}
