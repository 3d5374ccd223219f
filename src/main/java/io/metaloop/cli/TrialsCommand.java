package io.metaloop.cli;

import io.metaloop.report.TrialFormat;
import io.metaloop.run.OpenedStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code metaloop trials STUDY}: prints every trial of a study. */
@Command(name = "trials", mixinStandardHelpOptions = true, description = "Print the trials of a study.")
final class TrialsCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        TrialFormat f = TrialFormat.parse(format);
        try (OpenedStudy opened = OpenedStudy.existing(study.locate())) {
            System.out.print(f.render(opened.study().trials(), opened.study().directions().size()));
        }
        return 0;
    }
}
