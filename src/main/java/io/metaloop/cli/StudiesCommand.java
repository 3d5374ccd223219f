package io.metaloop.cli;

import io.metaloop.run.StudyListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code metaloop studies}: lists the studies of a storage, or of every study file in studies/. */
@Command(name = "studies", mixinStandardHelpOptions = true,
        description = {"List studies with their trial counts and best values.",
                "Without --storage, lists the storages of the study files in ./studies."})
final class StudiesCommand implements Callable<Integer> {

    @Option(names = "--storage", paramLabel = "URL", description = "Storage URL: sqlite:PATH.")
    String storage;

    @Override
    public Integer call() {
        System.out.print(storage != null ? StudyListing.of(storage) : StudyListing.ofStudyFiles(Path.of("studies")));
        return 0;
    }
}
