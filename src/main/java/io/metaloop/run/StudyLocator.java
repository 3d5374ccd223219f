package io.metaloop.run;

import io.metaloop.spec.StudyFiles;
import io.metaloop.spec.StudySpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a study is: its name and storage URL, and its study file when the user named one. A
 * user names a study either by its file ({@code studies/x.yaml}: name and storage come from the
 * file, the storage may be overridden) or by its name together with a storage URL.
 *
 * @param name       the study's name
 * @param storageUrl the storage URL
 * @param spec       the study file's settings, or null when named directly
 */
public record StudyLocator(String name, String storageUrl, StudySpec spec) {

    /** Resolves what the user typed: a study file, or a study name with {@code --storage}. */
    public static StudyLocator resolve(String study, String storageOverride) {
        String lower = study.toLowerCase(Locale.ROOT);
        boolean looksLikeFile = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (looksLikeFile || Files.isRegularFile(Path.of(study))) {
            StudySpec spec = StudyFiles.read(Path.of(study));
            return new StudyLocator(spec.name(), storageOverride != null ? storageOverride : spec.storageUrl(), spec);
        }
        if (storageOverride == null) {
            throw new IllegalArgumentException("'" + study + "' is not a study file (.yaml); to name a stored study, "
                    + "also give --storage URL (e.g. --storage sqlite:studies/x.db)");
        }
        return new StudyLocator(study, storageOverride, null);
    }
}
