package io.metaloop.cli;

import io.metaloop.report.BestConfig;
import io.metaloop.run.BestTrials;
import io.metaloop.run.OpenedStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code metaloop best STUDY}: prints the best trial, or the Pareto front of a multi-objective study. */
@Command(name = "best", mixinStandardHelpOptions = true,
        description = "Print the best trial of a study (the Pareto front for several objectives).")
final class BestCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        try (OpenedStudy opened = OpenedStudy.existing(study.locate())) {
            System.out.print(BestConfig.render(BestTrials.describe(opened), format));
        }
        return 0;
    }
}
