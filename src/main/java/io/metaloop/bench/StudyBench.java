package io.metaloop.bench;

import io.metaloop.objective.NetworkObjective;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.run.FinalPhase;
import io.metaloop.run.OpenedStudy;
import io.metaloop.run.ProgressPrinter;
import io.metaloop.run.StudyLocator;
import io.metaloop.spec.Durations;
import io.metaloop.spec.ObjectiveSpec;
import io.metaloop.spec.PrunerSpec;
import io.metaloop.spec.StudyFiles;
import io.metaloop.spec.StudySpec;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.TrainedModel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code metaloop bench study}: runs a study file from empty storage — a temporary SQLite file,
 * never the study's own — for a wall-clock budget, then scores the best trial's model once on
 * the test part of the data and prints one line. The study file's trial budget is ignored and
 * its pruner may be replaced, so that the same budget can be compared with and without pruning.
 * A network objective's final training takes the end of the budget, as in {@code metaloop optimize}.
 * Trials still running when the budget ends stop at their next report (the file's
 * {@code budget.at-end} can let them finish instead, as Optuna's {@code timeout} does).
 *
 * @param spec   the study file
 * @param budget the wall-clock budget
 * @param seed    the sampler seed, overriding the file's (null: the file's)
 * @param sampler a sampler type replacing the file's, with its default options (null: the file's)
 * @param pruner a pruner section overriding the file's ({@code none}, {@code asha},
 *               {@code {type: asha, min-resource: 3000}}), or null
 * @param jobs   trials run at once
 * @param keep   where to copy the study's SQLite file after the run, for a look at its trials (null: nowhere)
 */
public record StudyBench(StudySpec spec, Duration budget, Long seed, String sampler, String pruner, int jobs, Path keep) {

    public StudyBench {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive, got " + budget);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }

    /**
     * What one bench run found. {@code trials} counts the evaluated trials (complete, pruned,
     * stopped and failed); {@code pruned} those the pruner stopped, {@code stopped} those still
     * running when the budget was up (PRUNED too, with {@code metaloop:stopped}); proposals
     * rejected before training (over max-params) are counted apart.
     * {@code params} and {@code testAccuracy} are those of the best trial's model (network
     * objectives only; -1 and NaN otherwise or when no trial completed).
     */
    public record Result(String study, Duration budget, long seed, String sampler, String pruner, int jobs, double seconds,
                         int trials, int complete, int pruned, int stopped, int failed, int rejected, double bestValue, long params,
                         double testAccuracy) {

        /** The line printed: {@code study=… budget=… seed=… sampler=… pruner=… … best_val=… params=… test_accuracy=…}. */
        public String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "study=%s budget=%s seed=%d sampler=%s pruner=%s jobs=%d wall_s=%.1f trials=%d complete=%d pruned=%d"
                            + " stopped=%d failed=%d rejected=%d best_val=%s", study, Durations.format(budget), seed, sampler, pruner, jobs,
                    seconds,
                    trials, complete, pruned, stopped, failed, rejected, figure(bestValue)));
            if (params >= 0 || !Double.isNaN(testAccuracy)) {
                b.append(" params=").append(params < 0 ? "none" : Long.toString(params))
                        .append(" test_accuracy=").append(figure(testAccuracy));
            }
            return b.toString();
        }

        private static String figure(double v) {
            return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    /** Runs the study for the budget and scores its best model; progress goes to {@code progress} (null: none). */
    public Result run(PrintStream progress) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("metaloop-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Result r = run(tmp, progress);
            if (keep != null) {
                copyStudy(studyFile(tmp), keep);
            }
            return r;
        } finally {
            deleteTree(tmp);
        }
    }

    private Result run(Path tmp, PrintStream progress) {
        String url = "sqlite:" + studyFile(tmp);
        StudySpec s = spec.withBudget(new Budget(Integer.MAX_VALUE, budget, spec.budget().finishRunning()))
                .withStorageUrl(url);
        if (pruner != null) {
            s = s.withPruner(StudyFiles.pruner(pruner, "--pruner", s.directions()));
        }
        Path models = tmp.resolve("models");
        Objective objective = s.createObjective(models);
        if (objective instanceof NetworkObjective n) {
            n.data(); // read before the clock starts, as a Python script loads its data before optimizing
        }
        try (OpenedStudy opened = OpenedStudy.forOptimize(new StudyLocator(s.name(), url, s), seed, sampler)) {
            Study study = opened.study();
            OptimizeOptions options = OptimizeOptions.defaults().withJobs(jobs);
            if (progress != null) {
                options = options.withListener(new ProgressPrinter(progress, Integer.MAX_VALUE));
            }
            long t0 = System.nanoTime();
            new FinalPhase(study, objective, s.budget()).run(options, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<FrozenTrial> trials = study.trials();
            Optional<FrozenTrial> best = s.directions().size() == 1 ? study.bestTrial() : Optional.empty();
            long params = -1;
            double test = Double.NaN;
            if (ObjectiveSpec.NETWORK.equals(s.objective().type()) && best.isPresent() && keptModel(trials, best.get())) {
                TrainedModel model = readModel(models.resolve(NetworkObjective.BEST_MODEL));
                params = model.network().parameterCount();
                test = testAccuracy(s, model);
            }
            int complete = count(trials, TrialState.COMPLETE);
            int stopped = (int) trials.stream().filter(t -> t.state() == TrialState.PRUNED
                    && SystemAttrs.stoppedByTimeBudget(t.systemAttrs())).count();
            int pruned = count(trials, TrialState.PRUNED) - stopped;
            int rejected = (int) trials.stream().filter(FrozenTrial::isRejected).count();
            int failed = count(trials, TrialState.FAIL) - rejected;
            return new Result(s.name(), budget, seed != null ? seed : s.sampler().seed(),
                    sampler != null ? sampler : s.sampler().type(), s.pruner().type(), jobs,
                    seconds, complete + pruned + stopped + failed, complete, pruned, stopped, failed, rejected,
                    best.map(FrozenTrial::value).orElse(Double.NaN), params, test);
        }
    }

    /**
     * Whether the kept model is the best trial's: it is written only by a trial that beats every
     * earlier one, so the model file holds a trial with the best value — with parallel jobs not
     * necessarily the one {@code bestTrial} names among ties.
     */
    private static boolean keptModel(List<FrozenTrial> trials, FrozenTrial best) {
        return trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE && t.value() == best.value()
                && t.userAttrs().containsKey(NetworkObjective.MODEL_ATTR));
    }

    /** The one look at the test part: the best model's accuracy on it, normalised as in training. */
    private static double testAccuracy(StudySpec s, TrainedModel model) {
        NetworkSettings settings = s.objective().networkSettings();
        return model.network().evaluate(
                Datasets.loadShared(settings.data(), s.fileDir(), settings.dataOptions()).test()).accuracy();
    }

    private static TrainedModel readModel(Path file) {
        try {
            return ModelFile.readModel(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the best model: " + e.getMessage(), e);
        }
    }

    /** The run's SQLite study inside the temporary folder. */
    private Path studyFile(Path tmp) {
        return tmp.resolve(spec.name() + ".db");
    }

    private static void copyStudy(Path db, Path to) {
        try {
            Path parent = to.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(db, to, StandardCopyOption.REPLACE_EXISTING);
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            if (Files.exists(wal)) { // not checkpointed yet: without it the copy lacks the last writes
                Files.copy(wal, to.resolveSibling(to.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the study in " + to + ": " + e.getMessage(), e);
        }
    }

    private static int count(List<FrozenTrial> trials, TrialState state) {
        return (int) trials.stream().filter(t -> t.state() == state).count();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
