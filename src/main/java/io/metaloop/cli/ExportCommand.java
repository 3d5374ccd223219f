package io.metaloop.cli;

import io.metaloop.run.BestTrials;
import io.metaloop.run.OpenedStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code metaloop export STUDY --out FILE}: writes the best configuration to a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the best trial's configuration (study, trial, value, params, settings) to a YAML or JSON file.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "FILE.yaml or FILE.json (default: the study file's `export` path).")
    Path out;

    @Override
    public Integer call() {
        try (OpenedStudy opened = OpenedStudy.existing(study.locate())) {
            Path target = out != null ? out : opened.locator().spec() != null ? opened.locator().spec().export() : null;
            if (target == null) {
                throw new IllegalArgumentException("no output file: give --out FILE.yaml (or set `export:` in the study file)");
            }
            BestTrials.config(opened).write(target);
            System.out.println("wrote " + target);
        }
        return 0;
    }
}
