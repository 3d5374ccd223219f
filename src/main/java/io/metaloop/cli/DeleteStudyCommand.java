package io.metaloop.cli;

import io.metaloop.run.OpenedStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code metaloop delete-study STUDY}: removes a study and all its trials from its storage. */
@Command(name = "delete-study", mixinStandardHelpOptions = true,
        description = "Delete a study and all its trials from its storage.")
final class DeleteStudyCommand implements Callable<Integer> {

    @Mixin
    StudyArgs study;

    @Override
    public Integer call() {
        try (OpenedStudy opened = OpenedStudy.existing(study.locate())) {
            int n = opened.study().trials().size();
            opened.storage().deleteStudy(opened.study().record().id());
            System.out.printf("deleted study %s (%d trials) from %s%n", opened.study().name(), n,
                    opened.locator().storageUrl());
        }
        return 0;
    }
}
