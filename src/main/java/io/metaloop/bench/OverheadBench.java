package io.metaloop.bench;

import io.metaloop.sampler.Sampler;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageUrls;
import io.metaloop.study.Budget;
import io.metaloop.study.Objective;
import io.metaloop.study.OptimizeOptions;
import io.metaloop.study.Study;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The framework's cost per trial, measured on the trivial four-parameter objective of the
 * Optuna anchor {@code optuna_overhead.py}, and printed in that script's format so the two
 * can be compared line for line:
 * {@code SAMPLER STORAGE N TOTAL_S MS_PER_TRIAL MS_PER_TRIAL_LAST_100 best=V}.
 *
 * @param samplerName the sampler's name, as printed
 * @param sampler     the sampler
 * @param storageKind {@code memory} or {@code sqlite} (a fresh file in a temporary folder)
 * @param trials      the number of trials
 * @param curve       also print, on standard error, the wall-clock and main-thread CPU
 *                    milliseconds per trial of each hundred trials (where warm-up ends)
 */
public record OverheadBench(String samplerName, Sampler sampler, String storageKind, int trials, boolean curve) {

    /** The anchor's objective: a float, a log float, a log int and a categorical. */
    public static final Objective OBJECTIVE = Objective.single(t -> {
        double x = t.suggestFloat("x", -5, 5);
        double y = t.suggestFloat("lr", 1e-5, 1e-1, true);
        int k = t.suggestInt("units", 4, 256, true);
        String a = t.suggestCategorical("act", List.of("relu", "tanh", "gelu"));
        return (x - 1) * (x - 1) + Math.pow(Math.log10(y) + 3, 2) + Math.abs(Math.log(k) / Math.log(2) - 5)
                + (a.equals("tanh") ? 0 : 1);
    });

    /** Runs the benchmark and returns its one-line result. */
    public String run() {
        Path dir = null;
        try {
            String url;
            if (storageKind.equals("memory")) {
                url = "memory:";
            } else if (storageKind.equals("sqlite")) {
                dir = Files.createTempDirectory("metaloop-bench");
                url = "sqlite:" + dir.resolve("bench.db");
            } else {
                throw new IllegalArgumentException("unknown storage '" + storageKind + "'; expected memory or sqlite");
            }
            try (Storage storage = StorageUrls.open(url)) {
                return measure(storage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private String measure(Storage storage) {
        Study study = Study.builder(storage, "overhead").sampler(sampler).create();
        long[] marks = new long[trials];
        long[] cpu = new long[trials];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        int[] n = {0};
        long t0 = System.nanoTime();
        study.optimize(OBJECTIVE, Budget.trials(trials),
                OptimizeOptions.defaults().withListener((s, t) -> {
                    cpu[n[0]] = curve ? threads.getCurrentThreadCpuTime() : 0;
                    marks[n[0]++] = System.nanoTime();
                }));
        long total = System.nanoTime() - t0;
        double last100 = trials > 100 ? (marks[trials - 1] - marks[trials - 101]) / 100.0 / 1e6 : Double.NaN;
        if (curve) {
            System.err.println("ms per trial by hundred:" + perHundred(marks, t0));
            System.err.println("cpu ms per trial by hundred:" + perHundred(cpu, cpu0));
        }
        double best = study.bestTrial().orElseThrow().value();
        return String.format(Locale.ROOT, "%s %s %d %.2f %.3f %.3f best=%.4f", samplerName, storageKind, trials,
                total / 1e9, total / 1e6 / trials, last100, best);
    }

    /** Milliseconds per trial of each full hundred, from nanosecond marks taken after each trial. */
    private static String perHundred(long[] marks, long start) {
        StringBuilder out = new StringBuilder();
        for (int i = 100; i <= marks.length; i += 100) {
            long from = i == 100 ? start : marks[i - 101];
            out.append(String.format(Locale.ROOT, " %.2f", (marks[i - 1] - from) / 100.0 / 1e6));
        }
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
