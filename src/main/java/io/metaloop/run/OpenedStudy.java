package io.metaloop.run;

import io.metaloop.spec.SamplerSpec;
import io.metaloop.spec.StudySpec;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageException;
import io.metaloop.storage.StorageUrls;
import io.metaloop.study.Objective;
import io.metaloop.study.Study;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.SystemAttrs;

import java.util.Map;

/**
 * A study opened from its storage, with the storage it holds open. For optimizing, it is opened
 * from a study file (created if new) with that file's sampler, pruner and search space; for
 * reading, an existing study is loaded by name.
 */
public final class OpenedStudy implements AutoCloseable {

    private final Storage storage;
    private final Study study;
    private final StudyLocator locator;

    private OpenedStudy(Storage storage, Study study, StudyLocator locator) {
        this.storage = storage;
        this.study = study;
        this.locator = locator;
    }

    /**
     * Creates or loads the study of a study file for optimizing. A new study stores the file's
     * settings with it, so exports and later tools know the objective.
     */
    public static OpenedStudy forOptimize(StudyLocator locator, Long seedOverride) {
        return forOptimize(locator, seedOverride, null);
    }

    /**
     * Like {@link #forOptimize(StudyLocator, Long)}, with the sampler of type
     * {@code samplerOverride} (its options at their defaults, the file's seed) instead of the
     * file's, unless null or the file's own type.
     */
    public static OpenedStudy forOptimize(StudyLocator locator, Long seedOverride, String samplerOverride) {
        StudySpec spec = locator.spec();
        if (spec == null) {
            throw new IllegalArgumentException("optimize needs a study file (.yaml), not only a study name");
        }
        Storage storage = StorageUrls.open(locator.storageUrl());
        try {
            boolean isNew = storage.findStudy(spec.name()).isEmpty();
            Study study = Study.builder(storage, spec.name())
                    .directions(spec.directions())
                    .sampler(samplerOf(spec.sampler(), samplerOverride).create(seedOverride))
                    .pruner(spec.pruner().create())
                    .searchSpace(spec.space())
                    .trialTimeout(spec.trial().timeout())
                    .createOrLoad();
            if (isNew) {
                storage.setStudySystemAttr(study.record().id(), SystemAttrs.STUDY_SPEC, spec.toMap());
            }
            return new OpenedStudy(storage, study, locator);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static SamplerSpec samplerOf(SamplerSpec fromFile, String override) {
        return override == null || override.equals(fromFile.type()) ? fromFile
                : new SamplerSpec(override, fromFile.seed(), Map.of());
    }

    /** Loads an existing study for reading or deleting; fails clearly if it is not there. */
    public static OpenedStudy existing(StudyLocator locator) {
        Storage storage = StorageUrls.open(locator.storageUrl());
        try {
            StudyRecord r = storage.findStudy(locator.name()).orElseThrow(() -> new StorageException(
                    "no study named '" + locator.name() + "' in " + locator.storageUrl()
                            + (locator.spec() != null ? " (run `metaloop optimize " + locator.spec().file() + "` first)" : "")));
            Study study = Study.builder(storage, r.name()).directions(r.directions()).load();
            return new OpenedStudy(storage, study, locator);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** The objective of the study file. */
    public Objective objective() {
        return locator.spec().createObjective();
    }

    /** The study. */
    public Study study() {
        return study;
    }

    /** Where it was found. */
    public StudyLocator locator() {
        return locator;
    }

    /** The study file's settings as stored with the study, or empty. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> storedSettings() {
        Object s = storage.studySystemAttrs(study.record().id()).get(SystemAttrs.STUDY_SPEC);
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The storage. */
    public Storage storage() {
        return storage;
    }

    @Override
    public void close() {
        storage.close();
    }
}
