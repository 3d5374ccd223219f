package io.metaloop.cli;

import io.metaloop.run.BestTrials;
import io.metaloop.run.FrontPick;
import io.metaloop.run.OpenedStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code metaloop export STUDY --out FILE [--pick max-params=N]}: writes the best configuration to a file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the best trial's configuration (study, trial, value, params, settings) to a YAML or JSON file.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "FILE.yaml or FILE.json (default: the study file's `export` path).")
    Path out;

    @Option(names = "--pick", paramLabel = "max-params=N",
            description = {"For a study with several directions (a Pareto front): write the front's trial that is best on",
                    "the first objective among those with at most N parameters (also written params<=N).",
                    "Default: the front's trial best on the first objective."})
    String pick;

    @Override
    public Integer call() {
        FrontPick chosen = pick == null ? null : FrontPick.parse(pick);
        try (OpenedStudy opened = OpenedStudy.existing(study.locate())) {
            Path target = out != null ? out : opened.locator().spec() != null ? opened.locator().spec().export() : null;
            if (target == null) {
                throw new IllegalArgumentException("no output file: give --out FILE.yaml (or set `export:` in the study file)");
            }
            BestTrials.config(opened, chosen).write(target);
            System.out.println("wrote " + target);
        }
        return 0;
    }
}
