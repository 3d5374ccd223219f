package io.metaloop.spec;

import io.metaloop.objective.NetworkParams;
import io.metaloop.objective.NetworkSettings;
import io.metaloop.space.Layout;
import io.metaloop.space.ParamSpec;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Direction;
import io.metaloop.train.data.Datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks of a {@code network} objective that need the rest of the study file: the data
 * exists, the direction fits the metric, and every searched parameter is one the network
 * mapping reads (a misspelt {@code unit} would otherwise be searched and silently ignored) — and
 * not a flat layout name ({@code layers}, {@code units}, …) beside a layer layout.
 */
final class NetworkChecks {

    private NetworkChecks() {
    }

    static void check(YamlMap root, Path file, ObjectiveSpec objective, List<Direction> directions, SearchSpace space) {
        List<SpecProblem> problems = new ArrayList<>();
        NetworkSettings settings = objective.networkSettings();
        YamlMap section = root.get("objective").asMap("a mapping");
        String data = settings.data().trim();
        if (!Datasets.NAMES.contains(data.toLowerCase(Locale.ROOT))) {
            Path dir = file.toAbsolutePath().getParent();
            Path path = (dir == null ? Path.of("") : dir).resolve(data).normalize();
            if (!Files.exists(path)) {
                problems.add(section.get("data").location().problem("no data set named '" + data + "' and no such file "
                        + path + Hints.didYouMean(data, Datasets.NAMES) + "; expected " + Datasets.DIGITS + ", "
                        + Datasets.FASHION_MNIST + " or a path (relative to the study file) to IDX or CSV files"));
            }
        }
        if (directions != null) {
            directionsFit(root, settings.metrics(), directions, problems);
        }
        prunerFits(root, settings.metrics(), problems);
        YamlNode spaceNode = root.get("search-space");
        if (space != null && spaceNode != null) {
            List<String> unknown = space.params().stream().map(ParamSpec::name).filter(n -> !NetworkParams.known(n)).toList();
            for (String name : unknown) {
                problems.add(spaceNode.location().problem("parameter '" + name + "' means nothing to the network objective"
                        + Hints.didYouMean(name, NetworkParams.NAMES) + "; it reads " + Hints.list(NetworkParams.NAMES)
                        + ", units_0.. and conv_filters_0.. (see docs/study-files.md)"));
            }
            if (space.distributions().containsKey(Layout.BLOCKS)) {
                for (String name : space.params().stream().map(ParamSpec::name).filter(NetworkParams::isFlatLayout).toList()) {
                    problems.add(spaceNode.location().problem("parameter '" + name + "' sets the layout the flat way,"
                            + " which cannot be combined with a layer layout (blocks); declare the blocks' attributes"
                            + " under layout.types instead (see docs/study-files.md, \"Layer layouts\")"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    /** One direction per metric: larger accuracy, smaller parameter count. */
    private static void directionsFit(YamlMap root, List<String> metrics, List<Direction> directions, List<SpecProblem> problems) {
        List<Direction> expected = metrics.stream()
                .map(m -> NetworkSettings.PARAMS.equals(m) ? Direction.MINIMIZE : Direction.MAXIMIZE).toList();
        if (directions.equals(expected)) {
            return;
        }
        YamlNode at = root.get("direction") != null ? root.get("direction") : root.get("directions");
        String fix = expected.size() == 1 ? "direction: " + expected.get(0)
                : "directions: [" + String.join(", ", expected.stream().map(Direction::toString).toList()) + "]";
        String returns = metrics.size() == 1 ? metrics.get(0) + ", where larger is better"
                : metrics.size() + " values (metrics: [" + String.join(", ", metrics) + "]; larger accuracy and fewer parameters are better)";
        String hint = metrics.size() == 1 && directions.size() > 1 ? " (for a size/accuracy front, set the objective's metrics: ["
                + NetworkSettings.VAL_ACCURACY + ", " + NetworkSettings.PARAMS + "])" : "";
        problems.add(at.location().problem("the network objective returns " + returns + ": set " + fix + hint));
    }

    /** A pruner judges the per-epoch reports, which are validation accuracies: its objective must be that metric. */
    private static void prunerFits(YamlMap root, List<String> metrics, List<SpecProblem> problems) {
        YamlNode pruner = root.get("pruner");
        YamlNode type = pruner instanceof YamlMap m ? m.get("type") : pruner;
        if (pruner == null || type instanceof YamlScalar t && PrunerSpec.NONE.equals(t.text())) {
            return;
        }
        YamlNode index = pruner instanceof YamlMap m ? m.get("objective") : null;
        String given = index instanceof YamlScalar i ? i.text() : "0";
        if (!given.equals(String.valueOf(metrics.indexOf(NetworkSettings.VAL_ACCURACY)))) {
            problems.add((index != null ? index : pruner).location().problem(pruningHint(metrics)));
        }
    }

    private static String pruningHint(List<String> metrics) {
        return "the network objective reports " + NetworkSettings.VAL_ACCURACY + " every epoch, objective "
                + metrics.indexOf(NetworkSettings.VAL_ACCURACY) + " of [" + String.join(", ", metrics)
                + "]: set the pruner's objective: " + metrics.indexOf(NetworkSettings.VAL_ACCURACY);
    }
}
