package io.metaloop.bench;

import io.metaloop.objective.BenchmarkFunction;
import io.metaloop.spec.SamplerSpec;
import io.metaloop.storage.InMemoryStorage;
import io.metaloop.study.Budget;
import io.metaloop.study.Study;

/**
 * Sample efficiency of a sampler: the regret (best value found minus the known minimum) after
 * {@code evals} evaluations of a benchmark function, over seeds 0 … {@code seeds - 1}, in
 * memory. Prints the line of the Optuna anchor {@code optuna_functions.py}:
 * {@code F S evals=N seeds=K median_regret=… q25=… q75=…}.
 *
 * @param function    the benchmark function
 * @param samplerName the name printed for the sampler
 * @param sampler     the sampler's settings; each seed replaces its seed
 * @param evals       evaluations per seed, at least 1
 * @param seeds       number of seeds, at least 1
 */
public record SamplerBench(BenchmarkFunction function, String samplerName, SamplerSpec sampler, int evals, int seeds) {

    public SamplerBench {
        if (evals < 1) {
            throw new IllegalArgumentException("evals must be at least 1, got " + evals);
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
        }
    }

    /** The regret of each seed, in seed order. */
    public double[] regrets() {
        double[] out = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
            out[seed] = regret(seed);
        }
        return out;
    }

    /** The regret of one seed's run. */
    public double regret(long seed) {
        Study study = Study.builder(new InMemoryStorage(), function.name())
                .sampler(sampler.create(seed)).searchSpace(function.space()).create();
        study.optimize(function.objective(), Budget.trials(evals));
        return study.bestTrial().orElseThrow().value() - function.minimum();
    }

    /** Runs every seed and returns the anchor-format line. */
    public String run() {
        return line(regrets());
    }

    /** The anchor-format line for the given regrets. */
    public String line(double[] regrets) {
        double median = PythonStats.median(regrets);
        double[] q = regrets.length > 1 ? PythonStats.quantiles(regrets, 4) : new double[] {regrets[0], regrets[0], regrets[0]};
        return function.name() + " " + samplerName + " evals=" + evals + " seeds=" + seeds
                + " median_regret=" + PythonStats.g6(median) + " q25=" + PythonStats.g6(q[0]) + " q75=" + PythonStats.g6(q[2]);
    }
}
