package io.metaloop.storage;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.study.Budget;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints what a trial costs on SQLite with the random sampler and a 4-parameter objective —
 * the whole per-trial path of {@link Study#optimize} — per block of trials, so that growth with
 * the study shows. A program, not a test: timings belong in figures, not assertions.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     io.metaloop.storage.TrialCostBenchmark [trials] [block] [file]
 * </pre>
 */
public final class TrialCostBenchmark {

    private static final Objective OBJECTIVE = t -> {
        double x = t.suggestFloat("x", -5, 5);
        double lr = t.suggestFloat("lr", 1e-5, 1, true);
        int n = t.suggestInt("n", 1, 9, 2);
        String c = t.suggestCategorical("c", List.of("relu", "tanh", "gelu"));
        return new double[]{x * x + lr + n + c.length()};
    };

    private TrialCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path file = Path.of(args.length > 2 ? args[2] : "target/trial-cost.db");
        run(file, 2000, 2000, false); // let the JIT compile the path first
        run(file, trials, block, true);
    }

    private static void run(Path file, int trials, int block, boolean print) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Storage storage = JdbcStorage.sqlite(file)) {
            Study study = Study.builder(storage, "bench").sampler(new RandomSampler(42)).create();
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int done = 0; done < trials; done += block) {
                long t0 = System.nanoTime();
                study.optimize(OBJECTIVE, Budget.trials(Math.min(trials, done + block)));
                if (print) {
                    System.out.printf("trials %5d-%5d: %.3f ms/trial%n", done, done + block,
                            (System.nanoTime() - t0) / 1e6 / block);
                }
            }
            if (print) {
                System.out.printf("%d trials: %.3f ms/trial wall, %.3f ms/trial CPU of the calling thread%n", trials,
                        (System.nanoTime() - wall0) / 1e6 / trials,
                        (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / trials);
            }
        }
    }
}
