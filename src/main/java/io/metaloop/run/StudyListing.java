package io.metaloop.run;

import io.metaloop.report.TextTable;
import io.metaloop.report.TrialRows;
import io.metaloop.spec.StudyFiles;
import io.metaloop.spec.StudySpec;
import io.metaloop.storage.Storage;
import io.metaloop.storage.StorageUrls;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Ranking;
import io.metaloop.study.StudyRecord;
import io.metaloop.study.TrialState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The table printed by {@code metaloop studies}: one row per study with counts and best value. */
public final class StudyListing {

    private StudyListing() {
    }

    /** The studies of one storage. */
    public static String of(String storageUrl) {
        List<List<String>> rows = new ArrayList<>();
        addRows(storageUrl, rows);
        return render(rows);
    }

    /**
     * The studies of every storage named by the study files in {@code dir} whose database
     * exists; files that do not parse are skipped here (optimize reports their errors).
     */
    public static String ofStudyFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no folder '" + dir + "' here; give --storage URL");
        }
        Set<String> urls = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!(n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    continue;
                }
                try {
                    StudySpec spec = StudyFiles.read(f);
                    String url = spec.storageUrl();
                    if (!url.startsWith("sqlite:") || Files.exists(Path.of(url.substring("sqlite:".length())))) {
                        urls.add(url);
                    }
                } catch (RuntimeException e) {
                    // a broken study file is not a study; `metaloop optimize` reports why
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String url : urls) {
            addRows(url, rows);
        }
        return render(rows);
    }

    private static void addRows(String url, List<List<String>> rows) {
        try (Storage storage = StorageUrls.open(url)) {
            for (StudyRecord r : storage.listStudies()) {
                List<FrozenTrial> trials = storage.trials(r.id());
                String best = r.directions().size() == 1
                        ? Ranking.best(trials, r.directions().get(0)).map(t -> TrialRows.format(t.value())).orElse("-")
                        : Ranking.paretoFront(trials, r.directions()).size() + " on front";
                rows.add(List.of(r.name(),
                        r.directions().stream().map(Direction::toString).collect(Collectors.joining(",")),
                        Integer.toString(trials.size()), count(trials, TrialState.COMPLETE),
                        count(trials, TrialState.PRUNED), count(trials, TrialState.FAIL),
                        count(trials, TrialState.RUNNING), best, url));
            }
        }
    }

    private static String count(List<FrozenTrial> trials, TrialState s) {
        return Long.toString(trials.stream().filter(t -> t.state() == s).count());
    }

    private static String render(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "no studies\n";
        }
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("name", "directions", "trials", "complete", "pruned", "failed", "running", "best", "storage"));
        all.addAll(rows);
        return TextTable.render(all);
    }
}
