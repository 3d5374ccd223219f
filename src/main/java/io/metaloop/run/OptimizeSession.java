package io.metaloop.run;

import io.metaloop.report.TrialRows;
import io.metaloop.sampler.AutoSampler;
import io.metaloop.study.Budget;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.OptimizeResult;
import io.metaloop.study.Study;
import io.metaloop.study.TrialState;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@code metaloop optimize}: opens (or creates) the study of a study file, runs it to its
 * budget — the file's, unless overridden — and reports; a network objective's final training
 * takes the end of a time budget ({@link FinalPhase}). Ctrl-C ends it cleanly: the trials
 * running are put back to WAITING and the same command resumes, running them first.
 *
 * @param locator      the study file and storage
 * @param trials       total trials for the study, overriding the file (null: the file's)
 * @param timeout      total running time for the study, overriding the file (null: the file's)
 * @param jobs         trials run at once by this process, overriding the file (null: the file's {@code jobs})
 * @param seed         sampler seed, overriding the file (null: the file's)
 * @param sampler      sampler type, overriding the file's (null: the file's), e.g. to compare samplers
 * @param quiet        print nothing but errors
 */
public record OptimizeSession(StudyLocator locator, Integer trials, Duration timeout, Integer jobs, Long seed,
                              String sampler, boolean quiet) {

    /** Runs the session; returns what the optimize loop did. */
    public OptimizeResult run(PrintStream out) {
        Budget budget = locator.spec().budget();
        if (trials != null) {
            budget = budget.withTrials(trials);
        }
        if (timeout != null) {
            budget = budget.withTime(timeout);
        }
        try (OpenedStudy opened = OpenedStudy.forOptimize(locator, seed, sampler)) {
            Study study = opened.study();
            Thread hook = new Thread(() -> onInterrupt(study, out), "metaloop-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            OptimizeOptions options = OptimizeOptions.defaults().withJobs(jobs != null ? jobs : locator.spec().runJobs());
            if (!quiet) {
                out.printf("study %s (%s) in %s%n", study.name(), describe(budget), locator.storageUrl());
                if (study.sampler() instanceof AutoSampler) {
                    out.println("sampler auto: " + AutoSampler.describe(study.history()));
                }
                options = options.withListener(new ProgressPrinter(out, budget.trials()));
            }
            OptimizeResult result = new FinalPhase(study, opened.objective(), budget).run(options, quiet ? null : out);
            Runtime.getRuntime().removeShutdownHook(hook);
            if (!quiet) {
                out.println(summary(study, budget, result));
            }
            return result;
        }
    }

    private static void onInterrupt(Study study, PrintStream out) {
        study.interrupt();
        out.println();
        out.println("interrupted: running trials are put back to WAITING; run the same command to resume (they run first)");
        out.flush();
    }

    private static String describe(Budget b) {
        String t = b.trials() == Integer.MAX_VALUE ? null : b.trials() + " trials";
        String d = b.time() == null ? null : ProgressPrinter.format(b.time());
        if (t == null && d == null) {
            return "no budget: runs until Ctrl-C";
        }
        return "budget " + (t == null ? d : d == null ? t : t + ", " + d);
    }

    /** The closing lines: what ran, why it stopped, and the best trial. */
    static String summary(Study study, Budget budget, OptimizeResult r) {
        List<FrozenTrial> all = study.trials();
        Map<TrialState, Long> counts = all.stream().collect(Collectors.groupingBy(FrozenTrial::state, Collectors.counting()));
        StringBuilder sb = new StringBuilder();
        if (r.stopReason() == OptimizeResult.StopReason.ALREADY_DONE) {
            long counted = all.stream().filter(FrozenTrial::countsTowardsBudget).count();
            sb.append(String.format("study %s is already finished: %d of %d trials%s; nothing to do "
                            + "(raise --trials or --timeout to continue)%n", study.name(), counted,
                    budget.trials() == Integer.MAX_VALUE ? counted : budget.trials(),
                    budget.time() == null ? "" : ", " + ProgressPrinter.format(r.studyTimeUsed()) + " used"));
        } else {
            long rejected = all.stream().filter(FrozenTrial::isRejected).count();
            sb.append(String.format("ran %d trials in %s (%s); study %s now has %d trials: %d complete, %d pruned, %d failed%s%n",
                    r.trialsRun(), ProgressPrinter.format(r.elapsed()), reason(r.stopReason()), study.name(), all.size(),
                    counts.getOrDefault(TrialState.COMPLETE, 0L), counts.getOrDefault(TrialState.PRUNED, 0L),
                    counts.getOrDefault(TrialState.FAIL, 0L) - rejected,
                    rejected == 0 ? "" : ", " + rejected + " rejected (not trained, outside the trial budget)"));
        }
        List<FrozenTrial> best = study.bestTrials();
        if (best.isEmpty()) {
            sb.append("no complete trial yet");
        } else if (study.directions().size() == 1) {
            FrozenTrial b = study.bestTrial().orElseThrow();
            sb.append(String.format("best: trial %d, value %s, params %s", b.number(), TrialRows.format(b.value()),
                    formatParams(b.params())));
        } else {
            sb.append(String.format("Pareto front: %d trials (see `metaloop best`)", best.size()));
        }
        return sb.toString();
    }

    private static String reason(OptimizeResult.StopReason r) {
        return switch (r) {
            case TRIAL_BUDGET -> "trial budget reached";
            case TIME_BUDGET -> "time budget reached";
            case SEARCH_SPACE_EXHAUSTED -> "every point of the grid is taken";
            case INTERRUPTED -> "interrupted";
            case REJECTED -> OptimizeResult.MAX_REJECTED_IN_A_ROW + " proposals in a row were rejected; does the search space"
                    + " fit max-params?";
            case ALREADY_DONE -> "already finished";
        };
    }

    private static String formatParams(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + TrialRows.format(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
