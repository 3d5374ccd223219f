package io.metaloop.cli;

import io.metaloop.run.StudyLocator;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The STUDY argument and {@code --storage} option shared by commands that act on one study. */
final class StudyArgs {

    @Parameters(index = "0", paramLabel = "STUDY",
            description = "A study file (studies/x.yaml: its name and storage are read from it), "
                    + "or a study name together with --storage.")
    String study;

    @Option(names = "--storage", paramLabel = "URL",
            description = "Storage URL: sqlite:PATH or memory:. Default for studies/x.yaml: sqlite:studies/x.db.")
    String storage;

    StudyLocator locate() {
        return StudyLocator.resolve(study, storage);
    }
}
