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
        if (directions != null && (directions.size() != 1 || directions.get(0) != Direction.MAXIMIZE)) {
            YamlNode at = root.get("direction") != null ? root.get("direction") : root.get("directions");
            problems.add(at.location().problem("the network objective returns " + settings.metric()
                    + ", where larger is better: set direction: maximize"));
        }
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
}
