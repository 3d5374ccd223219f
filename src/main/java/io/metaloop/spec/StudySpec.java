package io.metaloop.spec;

import io.metaloop.space.SearchSpace;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A study file, read and validated: everything needed to create or resume the study and run it.
 * Read one with {@link StudyFiles#read}.
 *
 * @param file        the study file, as named by the user
 * @param name        the study name, also its key in the storage
 * @param directions  one direction per objective value
 * @param objective   what each trial evaluates
 * @param sampler     how parameters are proposed
 * @param pruner      when trials stop early
 * @param budget      how long the study runs ({@link Budget#unlimited()} when the file sets none)
 * @param trial       limits of each trial (its time limit)
 * @param jobs        trials run at once by one process, or {@link #JOBS_AUTO} for one per processor
 * @param storageUrl  where trials are stored, e.g. {@code sqlite:studies/x.db}
 * @param searchSpace the declared search space, or {@link SearchSpace#empty()} when the file
 *                    has none (see {@link #space()} for the space actually searched)
 * @param export      where {@code metaloop export} writes by default, or null
 */
public record StudySpec(Path file, String name, List<Direction> directions, ObjectiveSpec objective,
                        SamplerSpec sampler, PrunerSpec pruner, Budget budget, TrialSpec trial, int jobs,
                        String storageUrl, SearchSpace searchSpace, Path export) {

    /** {@code jobs: auto}: as many trials at once as the machine has processors. */
    public static final int JOBS_AUTO = 0;

    /** What a study name may contain; it becomes a database key and part of file names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** The longest study name, as Optuna's {@code studies.study_name} column allows. */
    public static final int MAX_NAME_LENGTH = 512;

    public StudySpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("invalid study name '" + name + "'");
        }
        directions = List.copyOf(directions);
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one direction");
        }
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(pruner, "pruner");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(trial, "trial");
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be at least 1 (or auto), got " + jobs);
        }
        Objects.requireNonNull(storageUrl, "storageUrl");
        Objects.requireNonNull(searchSpace, "searchSpace");
    }

    /**
     * The space the study searches, which samplers that need it up front (grid, Sobol) are
     * given: the declared search space, or else the objective's own parameters (a benchmark
     * function's). Pass this to {@code Study.Builder.searchSpace}.
     */
    public SearchSpace space() {
        return searchSpace.isEmpty() ? objective.space() : searchSpace;
    }

    /**
     * The objective to run, with the study's space. A network objective reads relative data
     * paths from the study file's folder and keeps the best model in {@link #modelDir()}.
     */
    public io.metaloop.study.Objective createObjective() {
        return createObjective(modelDir());
    }

    /** {@link #createObjective()} keeping a network's best model in {@code modelDir} instead. */
    public io.metaloop.study.Objective createObjective(Path modelDir) {
        return objective.create(space(), fileDir(), modelDir);
    }

    /**
     * How many trials one process runs at once: the file's {@code jobs}, with {@code auto}
     * resolved to this machine's processors (a trial trains on one thread).
     */
    public int runJobs() {
        return jobs == JOBS_AUTO ? Math.max(1, Runtime.getRuntime().availableProcessors()) : jobs;
    }

    /** Where a network study keeps its best model: {@code <study file dir>/<name>.models}. */
    public Path modelDir() {
        return fileDir().resolve(name + ".models");
    }

    /** The study file's folder, which relative data paths are read from. */
    public Path fileDir() {
        Path dir = file.getParent();
        return dir == null ? Path.of("") : dir;
    }

    /** This spec with another budget, e.g. from {@code --trials} or {@code --timeout}. */
    public StudySpec withBudget(Budget b) {
        return new StudySpec(file, name, directions, objective, sampler, pruner, b, trial, jobs, storageUrl, searchSpace, export);
    }

    /** This spec with another storage, e.g. from {@code --storage}. */
    public StudySpec withStorageUrl(String url) {
        return new StudySpec(file, name, directions, objective, sampler, pruner, budget, trial, jobs, url, searchSpace, export);
    }

    /** This spec with another pruner, e.g. from {@code bench study --pruner}. */
    public StudySpec withPruner(PrunerSpec p) {
        return new StudySpec(file, name, directions, objective, sampler, p, budget, trial, jobs, storageUrl, searchSpace, export);
    }

    /**
     * The settings as plain maps, lists, strings, numbers and booleans, ready to be stored as
     * JSON on the study ({@code SystemAttrs.STUDY_SPEC}). It is in the study-file format, with
     * every default made explicit (seed, storage), so written out as YAML it is a study file
     * that reads back to the same settings. The file's own path is not included.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (directions.size() == 1) {
            m.put("direction", directions.get(0).toString());
        } else {
            m.put("directions", directions.stream().map(Direction::toString).toList());
        }
        m.put("objective", objective.toMap());
        if (!searchSpace.isEmpty()) {
            m.put("search-space", SearchSpaceFiles.toMap(searchSpace));
        }
        m.put("sampler", sampler.toMap());
        m.put("pruner", pruner.toMap());
        Map<String, Object> b = new LinkedHashMap<>();
        if (budget.trials() != Integer.MAX_VALUE) {
            b.put("trials", budget.trials());
        }
        if (budget.time() != null) {
            b.put("time", Durations.format(budget.time()));
            if (budget.finishRunning()) {
                b.put("at-end", "finish");
            }
        }
        if (!b.isEmpty()) {
            m.put("budget", b);
        }
        if (!trial.toMap().isEmpty()) {
            m.put("trial", trial.toMap());
        }
        if (jobs != 1) {
            m.put("jobs", jobs == JOBS_AUTO ? "auto" : jobs);
        }
        m.put("storage", storageUrl);
        if (export != null) {
            m.put("export", export.toString());
        }
        return m;
    }
}
