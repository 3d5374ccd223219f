package io.metaloop.cli;

import io.metaloop.bench.SamplerBench;
import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.spec.SamplerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code metaloop bench samplers}: regret on a benchmark function, in the format of optuna_functions.py. */
@Command(name = "samplers", mixinStandardHelpOptions = true,
        description = {"Sample efficiency: regret after N evaluations of a benchmark function over K seeds.",
                "Prints: F S evals=N seeds=K median_regret=M q25=A q75=B"})
final class BenchSamplersCommand implements Callable<Integer> {

    @Option(names = "--function", required = true,
            description = "branin, rosenbrock10, ackley10 or mixed6 (any benchmark function).")
    String function;

    @Option(names = "--sampler", defaultValue = "tpe",
            description = {"auto, random, sobol, grid, tpe, bobyqa, cmaes, genetic, nsga2 or hybrid (default: ${DEFAULT-VALUE});",
                    "tpe-multivariate and tpe-univariate fix TPE's multivariate option."})
    String sampler;

    @Option(names = "--evals", defaultValue = "200", description = "Evaluations per seed (default: ${DEFAULT-VALUE}).")
    int evals;

    @Option(names = "--seeds", defaultValue = "10", description = "Seeds 0..K-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() {
        SamplerSpec spec = switch (sampler) {
            case "tpe-multivariate" -> new SamplerSpec(SamplerSpec.TPE, 0, Map.of("multivariate", true));
            case "tpe-univariate" -> new SamplerSpec(SamplerSpec.TPE, 0, Map.of("multivariate", false));
            default -> new SamplerSpec(sampler, 0, Map.of());
        };
        System.out.println(new SamplerBench(BenchmarkFunction.of(function, null), sampler, spec, evals, seeds).run());
        return 0;
    }
}
