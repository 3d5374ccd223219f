package io.metaloop.study;

import io.metaloop.sampler.RandomSampler;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageUrls;

/**
 * A worker process for crash tests: runs study {@code args[1]} in storage {@code args[0]} with
 * an objective that sleeps {@code args[2]} milliseconds per trial, until killed.
 */
public final class SlowWorker {

    public static void main(String[] args) {
        Storage storage = StorageUrls.open(args[0]);
        long sleepMs = Long.parseLong(args[2]);
        Study study = Study.builder(storage, args[1]).sampler(new RandomSampler(5)).createOrLoad();
        study.optimize(Objective.single(t -> {
            double x = t.suggestFloat("x", -1, 1);
            Thread.sleep(sleepMs);
            return x * x;
        }), Budget.unlimited());
    }

    /** Starts the worker as a separate JVM. */
    static Process start(String storageUrl, String study, long sleepMs) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowWorker.class.getName(),
                storageUrl, study, Long.toString(sleepMs)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private SlowWorker() {
    }
}
