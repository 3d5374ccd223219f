package io.metaloop.spec;

import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.storage.StorageUrls;
import io.metaloop.study.Budget;
import io.metaloop.study.Direction;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads study files ({@code studies/*.yaml}) into {@link StudySpec}s, checking every field and
 * how the fields fit together; all problems found are reported at once, each with its file,
 * line and field path. The format is described in {@code docs/study-files.md}.
 *
 * <p>Paths: a {@code search-space:} path is looked up next to the study file first, then in the
 * working directory, so both {@code ../search-spaces/x.yaml} and {@code search-spaces/x.yaml}
 * work from {@code studies/}. Paths that are written to — the sqlite file of {@code storage}
 * and {@code export} — are relative to the working directory, like the default storage
 * {@code sqlite:studies/x.db} for {@code studies/x.yaml}.
 */
public final class StudyFiles {

    /** The keys of a study file, in the order the documentation gives them. */
    public static final List<String> KEYS = List.of("name", "direction", "directions", "objective",
            "search-space", "sampler", "pruner", "budget", "trial", "jobs", "storage", "export");

    private static final String NAME = "a study name of letters, digits, '.', '_' and '-'";
    private static final String DIRECTION = "minimize or maximize";
    private static final String OBJECTIVE = "a mapping with a type, e.g. {type: function, function: branin}";
    private static final String JOBS = "a number of trials run at once, at least 1, or auto (one per processor)";
    private static final String STORAGE = "a storage URL: " + StorageUrls.ACCEPTED;

    private StudyFiles() {
    }

    /** Reads and validates a study file. */
    public static StudySpec read(Path file) {
        return read(YamlReader.readFile(file), file);
    }

    /**
     * Reads and validates study-file text as if it were the file {@code file}, which names it in
     * errors and anchors the relative paths and defaults.
     */
    public static StudySpec parse(String yaml, Path file) {
        return read(YamlReader.read(yaml, file.toString()), file);
    }

    /**
     * A pruner section written elsewhere than in a study file, e.g. on the command line:
     * {@code none}, {@code median} or {@code {type: asha, min-resource: 3000}}. Errors name
     * {@code source} and the field, as for a study file.
     *
     * @param directions the study's directions, to check an {@code objective} index
     */
    public static PrunerSpec pruner(String text, String source, List<Direction> directions) {
        YamlMap root = YamlReader.read("pruner: " + text, source);
        return PrunerReader.pruner(root.get("pruner"), directions);
    }

    /** The storage of a study file without {@code storage}: {@code studies/x.yaml} → {@code sqlite:studies/x.db}. */
    public static String defaultStorageUrl(Path studyFile) {
        String s = studyFile.toString();
        String lower = s.toLowerCase(Locale.ROOT);
        int cut = lower.endsWith(".yaml") ? 5 : lower.endsWith(".yml") ? 4 : 0;
        return "sqlite:" + s.substring(0, s.length() - cut) + ".db";
    }

    private static StudySpec read(YamlMap root, Path file) {
        Problems problems = new Problems();
        problems.check(() -> root.checkKeys(KEYS));
        String name = problems.attempt(() -> name(root));
        List<Direction> directions = problems.attempt(() -> directions(root));
        ObjectiveSpec objective = problems.attempt(() -> ComponentReader.objective(root.require("objective", OBJECTIVE)));
        YamlNode spaceNode = root.get("search-space");
        SearchSpace declared = spaceNode == null ? SearchSpace.empty()
                : problems.attempt(() -> searchSpace(spaceNode, file));
        if (objective != null) {
            problems.check(() -> checkObjectiveFits(root, objective, directions));
            if (ObjectiveSpec.NETWORK.equals(objective.type())) {
                problems.check(() -> NetworkChecks.check(root, file, objective, directions, declared));
            }
        }
        // an objective with its own parameters (a function) searches those; a declared space is refused for it
        SearchSpace space = objective == null ? null
                : !objective.space().isEmpty() ? objective.space() : declared;
        SamplerSpec sampler = problems.attempt(() -> ComponentReader.sampler(root.get("sampler"), name, space));
        PrunerSpec pruner = problems.attempt(() -> PrunerReader.pruner(root.get("pruner"), directions));
        Budget budget = problems.attempt(() -> budget(root.get("budget")));
        TrialSpec trial = problems.attempt(() -> TrialSpec.read(root.get("trial")));
        Integer jobs = problems.attempt(() -> jobs(root.get("jobs")));
        String storage = problems.attempt(() -> storage(root.get("storage"), file));
        Path export = problems.attempt(() -> export(root.get("export")));
        problems.throwIfAny();
        return new StudySpec(file, name, directions, objective, sampler, pruner, budget, trial, jobs, storage, declared, export);
    }

    private static String name(YamlMap root) {
        YamlNode node = root.require("name", NAME);
        String name = node.asText(NAME);
        if (!StudySpec.NAME.matcher(name).matches()) {
            throw node.error("study name '" + name + "' may only contain letters, digits, '.', '_' and '-'"
                    + " (it is a database key and part of file names)");
        }
        if (name.length() > StudySpec.MAX_NAME_LENGTH) {
            throw node.error("a study name may have at most " + StudySpec.MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static List<Direction> directions(YamlMap root) {
        YamlNode one = root.get("direction");
        YamlNode many = root.get("directions");
        if (one != null && many != null) {
            throw many.error("give either direction (one objective) or directions (several), not both");
        }
        if (one == null && many == null) {
            throw root.missing("direction", DIRECTION + " (or directions: [...] for several objectives)");
        }
        if (one != null) {
            if (one instanceof YamlList) {
                throw one.error("direction takes one value; write directions: [...] for several objectives");
            }
            return List.of(direction(one));
        }
        YamlList list = many.asList("a list of directions, e.g. [maximize, minimize]");
        if (list.items().isEmpty()) {
            throw many.error("directions needs at least one direction, e.g. [maximize, minimize]");
        }
        List<Direction> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            out.add(direction(item));
        }
        return out;
    }

    private static Direction direction(YamlNode node) {
        String text = node.asText(DIRECTION);
        try {
            return Direction.parse(text);
        } catch (IllegalArgumentException e) {
            throw node.error("expected " + DIRECTION + ", got '" + text + "'"
                    + Hints.didYouMean(text, List.of("minimize", "maximize")));
        }
    }

    /** An inline mapping, or a path to a search-space file. */
    private static SearchSpace searchSpace(YamlNode node, Path studyFile) {
        if (node instanceof YamlMap) {
            return SearchSpaceFiles.read(node);
        }
        String ref = node.asText("a path to a search-space file, or an inline mapping with params");
        List<Path> tried = candidates(studyFile, ref, node);
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return SearchSpaceFiles.read(p);
            }
        }
        throw node.error("search-space file not found; tried " + Hints.list(tried));
    }

    /** Where a referenced file may be: next to the study file, then in the working directory. */
    static List<Path> candidates(Path studyFile, String ref, YamlNode node) {
        if (ref.isBlank()) {
            throw node.error("expected a path to a search-space file, got an empty text");
        }
        Path r;
        try {
            r = Path.of(ref);
        } catch (InvalidPathException e) {
            throw node.error("'" + ref + "' is not a valid path: " + e.getReason());
        }
        if (r.isAbsolute()) {
            return List.of(r);
        }
        Set<Path> out = new LinkedHashSet<>();
        Path dir = studyFile.getParent();
        out.add((dir == null ? r : dir.resolve(r)).normalize());
        out.add(r.normalize());
        return List.copyOf(out);
    }

    /** Checks that belong to the objective type rather than to one field. */
    private static void checkObjectiveFits(YamlMap root, ObjectiveSpec objective, List<Direction> directions) {
        if (ObjectiveSpec.COMMAND.equals(objective.type()) && root.get("search-space") == null) {
            throw root.get("objective").error("a command objective needs a search-space (the parameters it is run with)");
        }
        if (ObjectiveSpec.NETWORK.equals(objective.type()) && root.get("search-space") == null) {
            throw root.get("objective").error("a network objective needs a search-space (e.g. search-space: "
                    + "search-spaces/digits-mlp.yaml; parameter names in docs/study-files.md)");
        }
        if (!ObjectiveSpec.FUNCTION.equals(objective.type())) {
            return;
        }
        List<SpecProblem> problems = new ArrayList<>();
        YamlNode spaceNode = root.get("search-space");
        if (spaceNode != null) {
            List<String> own = objective.space().params().stream().map(ParamSpec::name).toList();
            problems.add(spaceNode.location().problem("a function objective has its own parameters ("
                    + Hints.shortList(own, 6) + " of " + objective.options().get("function")
                    + "); remove search-space, it has no meaning for a function objective"));
        }
        if (directions != null && directions.size() != 1) {
            problems.add(root.get("directions").location().problem("a function objective gives one value, so the"
                    + " study needs one direction, got " + directions.size()));
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    private static Budget budget(YamlNode node) {
        if (node == null) {
            return Budget.unlimited();
        }
        YamlMap m = node.asMap("a mapping with trials and/or time, e.g. {trials: 50, time: 10m}");
        m.checkKeys(List.of("trials", "time", "at-end"));
        if (m.entries().isEmpty()) {
            throw node.error("give trials, time or both, e.g. {trials: 50, time: 10m}; leave budget out for no limit");
        }
        int trials = Integer.MAX_VALUE;
        YamlNode trialsNode = m.get("trials");
        if (trialsNode != null) {
            trials = trialsNode.asInt("a number of trials, at least 1");
            if (trials < 1) {
                throw trialsNode.error("trials must be at least 1, got " + trials);
            }
        }
        Duration time = null;
        YamlNode timeNode = m.get("time");
        if (timeNode != null) {
            try {
                time = Durations.parse(timeNode.asText(Durations.EXPECTED));
            } catch (IllegalArgumentException e) {
                throw timeNode.error(e.getMessage());
            }
        }
        boolean finish = false;
        YamlNode atEnd = m.get("at-end");
        if (atEnd != null) {
            String v = atEnd.asText("stop or finish");
            if (!v.equals("stop") && !v.equals("finish")) {
                throw atEnd.error("expected stop (trials running when the time is up stop at their next report)"
                        + " or finish (they run to their end), got '" + v + "'");
            }
            if (time == null) {
                throw atEnd.error("at-end applies to a time budget; give time too, e.g. {time: 10m, at-end: " + v + "}");
            }
            finish = v.equals("finish");
        }
        return new Budget(trials, time, finish);
    }

    /** {@code jobs}: absent means 1, {@code auto} one per processor ({@link StudySpec#JOBS_AUTO}). */
    private static int jobs(YamlNode node) {
        if (node == null) {
            return 1;
        }
        if ("auto".equals(node.asText(JOBS).strip())) {
            return StudySpec.JOBS_AUTO;
        }
        int jobs = node.asInt(JOBS);
        if (jobs < 1) {
            throw node.error("jobs must be at least 1 (or auto), got " + jobs);
        }
        return jobs;
    }

    private static String storage(YamlNode node, Path file) {
        if (node == null) {
            return defaultStorageUrl(file);
        }
        String url = node.asText(STORAGE).strip();
        String problem = StorageUrls.check(url);
        if (problem != null) {
            throw node.error(problem);
        }
        return url;
    }

    private static Path export(YamlNode node) {
        if (node == null) {
            return null;
        }
        String text = node.asText("a file path, e.g. best/x.yaml");
        if (text.isBlank()) {
            throw node.error("expected a file path, e.g. best/x.yaml, got an empty text");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw node.error("'" + text + "' is not a valid path: " + e.getReason());
        }
    }
}
