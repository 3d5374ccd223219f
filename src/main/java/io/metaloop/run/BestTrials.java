package io.metaloop.run;

import io.metaloop.report.BestConfig;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The best trial(s) of an opened study, as printed by {@code best} and written by {@code export}. */
public final class BestTrials {

    private BestTrials() {
    }

    /**
     * For one objective, the best trial's configuration; for several, the Pareto front as a list
     * of configurations.
     */
    public static Object describe(OpenedStudy opened) {
        Study study = opened.study();
        List<FrozenTrial> front = front(study);
        if (study.directions().size() == 1) {
            return configOf(opened, front.get(0)).toMap();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        front.forEach(t -> out.add(configOf(opened, t).toMap()));
        return out;
    }

    /**
     * The configuration to export: the best trial; for several objectives, the point of the
     * Pareto front best on the first objective.
     */
    public static BestConfig config(OpenedStudy opened) {
        return config(opened, null);
    }

    /**
     * Like {@link #config(OpenedStudy)}, but for several objectives the point of the Pareto front
     * that {@code pick} chooses, unless it is null.
     *
     * @throws IllegalArgumentException from {@link FrontPick#choose} (one direction, nothing qualifies)
     */
    public static BestConfig config(OpenedStudy opened, FrontPick pick) {
        Study study = opened.study();
        if (pick != null) {
            // before reading the front, so that a study without complete trials gets the same answer
            FrontPick.requireFront(study.name(), study.directions());
        }
        List<FrozenTrial> front = front(study);
        FrozenTrial chosen = pick != null ? pick.choose(study.name(), study.directions(), front)
                : study.directions().size() == 1 ? front.get(0)
                : front.stream().min(Comparator.comparingDouble(
                        t -> study.directions().get(0).toMinimization(t.values().get(0)))).orElseThrow();
        return configOf(opened, chosen);
    }

    private static List<FrozenTrial> front(Study study) {
        List<FrozenTrial> front = study.directions().size() == 1
                ? study.bestTrial().map(List::of).orElse(List.of())
                : study.bestTrials();
        if (front.isEmpty()) {
            throw new IllegalStateException("study '" + study.name() + "' has no COMPLETE trial yet");
        }
        return front;
    }

    private static BestConfig configOf(OpenedStudy opened, FrozenTrial t) {
        return new BestConfig(opened.study().name(), opened.locator().storageUrl(), t, opened.study().directions(),
                opened.storedSettings());
    }
}
