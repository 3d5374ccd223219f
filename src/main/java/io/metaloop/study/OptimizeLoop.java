package io.metaloop.study;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call of {@link Study#optimize}: {@code jobs} workers each start a trial (atomically
 * within the study's trial budget), evaluate it and store the outcome, until the trial or time
 * budget of the study is used up. An objective's exception or NaN fails only that trial. With a
 * trial time limit, the objective's thread is interrupted at the deadline, and a trial that
 * returns or fails past it is FAIL timeout. At the end of the time budget, running trials stop
 * at their next pruning check and end PRUNED, unless the budget lets them finish.
 */
final class OptimizeLoop {

    private final Study study;
    private final Objective objective;
    private final Budget budget;
    private final OptimizeOptions options;
    private final AtomicInteger run = new AtomicInteger();
    private final AtomicInteger rejectedInARow = new AtomicInteger();
    private final AtomicReference<OptimizeResult.StopReason> reason = new AtomicReference<>();
    private long deadlineNanos;

    OptimizeLoop(Study study, Objective objective, Budget budget, OptimizeOptions options) {
        this.study = study;
        this.objective = objective;
        this.budget = budget;
        this.options = options;
    }

    OptimizeResult run() {
        long t0 = System.nanoTime();
        study.reapLostTrials();
        List<FrozenTrial> trials = study.trials();
        long counted = trials.stream().filter(FrozenTrial::countsTowardsBudget).count();
        Duration used = StudyClock.timeUsed(trials, LocalDateTime.now());
        if (counted >= budget.trials()) {
            return result(OptimizeResult.StopReason.ALREADY_DONE, t0);
        }
        if (budget.time() != null && used.compareTo(budget.time()) >= 0) {
            return result(OptimizeResult.StopReason.ALREADY_DONE, t0);
        }
        deadlineNanos = budget.time() == null ? Long.MAX_VALUE : t0 + budget.time().minus(used).toNanos();
        if (options.jobs() == 1) {
            work();
        } else {
            runParallel();
        }
        return result(reason.get() == null ? OptimizeResult.StopReason.TRIAL_BUDGET : reason.get(), t0);
    }

    private void runParallel() {
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread th = new Thread(r, "metaloop-worker");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < options.jobs(); i++) {
                futures.add(pool.submit(this::work));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason.compareAndSet(null, OptimizeResult.StopReason.INTERRUPTED);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void work() {
        while (reason.get() == null) {
            if (Thread.currentThread().isInterrupted() || study.isStopping()) {
                reason.compareAndSet(null, OptimizeResult.StopReason.INTERRUPTED);
                return;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                reason.compareAndSet(null, OptimizeResult.StopReason.TIME_BUDGET);
                return;
            }
            if (study.sampler().isExhausted(study.history())) {
                reason.compareAndSet(null, OptimizeResult.StopReason.SEARCH_SPACE_EXHAUSTED);
                return;
            }
            Trial trial = study.ask(budget.trials()).orElse(null);
            if (trial == null) {
                reason.compareAndSet(null, OptimizeResult.StopReason.TRIAL_BUDGET);
                return;
            }
            if (!budget.finishRunning() && deadlineNanos != Long.MAX_VALUE) {
                trial.stopAfter(deadlineNanos);
            }
            FrozenTrial done = evaluate(trial);
            run.incrementAndGet();
            countRejection(done);
            options.listener().trialFinished(study, done);
        }
    }

    private FrozenTrial evaluate(Trial trial) {
        try {
            double[] values;
            try (TimeoutInterrupt ignored = new TimeoutInterrupt(trial)) {
                values = objective.evaluate(trial);
            }
            if (values == null && !trial.isTimedOut()) {
                return study.tellFail(trial, "objective returned no value", false);
            }
            return study.tell(trial, values);
        } catch (TrialTimeoutException e) {
            return study.tellTimedOut(trial);
        } catch (TrialPrunedException e) {
            return study.tellPruned(trial);
        } catch (TrialRejectedException e) {
            return study.tellRejected(trial, e.getMessage());
        } catch (InterruptedException e) {
            if (trial.isTimedOut()) {
                return study.tellTimedOut(trial);
            }
            Thread.currentThread().interrupt();
            return study.abandon(trial);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // past the deadline, a failure is most likely the interrupt's doing
            return trial.isTimedOut() ? study.tellTimedOut(trial) : study.tellFail(trial, describe(e), false);
        }
    }

    /**
     * Rejected trials do not use the trial budget, so a space whose every proposal is refused
     * would run for ever: after {@link OptimizeResult#MAX_REJECTED_IN_A_ROW} in a row the run stops.
     */
    private void countRejection(FrozenTrial done) {
        if (!done.isRejected()) {
            rejectedInARow.set(0);
        } else if (rejectedInARow.incrementAndGet() >= OptimizeResult.MAX_REJECTED_IN_A_ROW) {
            reason.compareAndSet(null, OptimizeResult.StopReason.REJECTED);
        }
    }

    /** A one-line reason: the exception's message, with its type when the message is vague. */
    static String describe(Throwable e) {
        String msg = e.getMessage();
        String type = e.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? type : type + ": " + msg;
    }

    private OptimizeResult result(OptimizeResult.StopReason why, long t0) {
        Duration used = StudyClock.timeUsed(study.trials(), LocalDateTime.now());
        return new OptimizeResult(run.get(), why, Duration.ofNanos(System.nanoTime() - t0), used);
    }
}
