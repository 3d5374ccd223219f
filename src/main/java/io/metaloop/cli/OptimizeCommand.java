package io.metaloop.cli;

import io.metaloop.run.OptimizeSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metaloop optimize STUDY.yaml}: creates or resumes a study and runs it to its budget. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Create or resume the study of a study file and run it until its budget is used up.",
                "Budgets count for the whole study: a study with 40 of 100 trials done runs 60 more.",
                "Ctrl-C stops cleanly; the same command resumes."})
final class OptimizeCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Option(names = "--trials", paramLabel = "N", description = "Total trials for the study (overrides budget.trials).")
    Integer trials;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Total running time for the study, e.g. 90s, 10m, 1h (overrides budget.time).")
    Duration timeout;

    @Option(names = "--jobs", paramLabel = "N", description = "Trials run at once (overrides jobs; the file's default is 1).")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "S", description = "Sampler seed (overrides sampler.seed).")
    Long seed;

    @Option(names = "--sampler", paramLabel = "TYPE",
            description = {"Sampler to use instead of the study file's, with its default options (to compare samplers):",
                    "auto, random, grid, sobol, tpe, bobyqa, cmaes, genetic, nsga2 or hybrid."})
    String sampler;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() {
        if (trials != null && trials < 0) {
            throw new IllegalArgumentException("--trials must not be negative, got " + trials);
        }
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        new OptimizeSession(study.locate(), trials, timeout, jobs, seed, sampler, quiet).run(System.out);
        return 0;
    }
}
