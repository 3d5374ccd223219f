package io.metaloop.cli;

import io.metaloop.bench.StudyBench;
import io.metaloop.spec.StudyFiles;
import io.metaloop.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metaloop bench study}: a study file run from empty storage for a wall-clock budget, scored once on the test set. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Run a study file from empty, temporary storage (never the study's own) for a wall-clock budget,",
                "then evaluate the best trial's model once on the test set. Progress goes to stderr.",
                "Prints: study=… budget=… seed=… pruner=… jobs=… wall_s=… trials=… complete=… pruned=… stopped=… failed=… "
                        + "best_val=… params=… test_accuracy=…"})
final class BenchStudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file.")
    Path study;

    @Option(names = "--budget", required = true, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wall-clock budget, e.g. 90s, 10m (the file's trial budget is ignored).")
    Duration budget;

    @Option(names = "--seed", paramLabel = "S", description = "Sampler seed (overrides sampler.seed).")
    Long seed;

    @Option(names = "--sampler", paramLabel = "TYPE",
            description = "Sampler replacing the study file's, with its default options (to compare samplers on one budget).")
    String sampler;

    @Option(names = "--pruner", paramLabel = "PRUNER",
            description = "Pruner overriding the file's: a type (none, median, asha, …) or a section such as "
                    + "'{type: asha, min-resource: 3000, reduction-factor: 3}'.")
    String pruner;

    @Option(names = "--jobs", paramLabel = "N", description = "Trials run at once (overrides the study file's jobs).")
    Integer jobs;

    @Option(names = "--keep", paramLabel = "FILE",
            description = "Copy the study's SQLite file here after the run, to look at its trials "
                    + "(metaloop trials NAME --storage sqlite:FILE).")
    Path keep;

    @Option(names = {"-q", "--quiet"}, description = "Print only the result line.")
    boolean quiet;

    @Override
    public Integer call() {
        StudySpec spec = StudyFiles.read(study);
        StudyBench bench = new StudyBench(spec, budget, seed, sampler, pruner, jobs != null ? jobs : spec.runJobs(), keep);
        System.out.println(bench.run(quiet ? null : System.err).line());
        return 0;
    }
}
