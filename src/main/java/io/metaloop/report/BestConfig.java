package io.metaloop.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.metaloop.study.Direction;
import io.metaloop.study.FrozenTrial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A best-configuration file: which study and trial it came from, the value(s), the parameters,
 * and the study's settings (objective, search space, data) — enough for {@code metaloop train}
 * to rebuild the model. Written as YAML or JSON, chosen by the file's extension.
 *
 * @param study      the study's name
 * @param storage    the storage URL it was read from
 * @param trial      the trial
 * @param directions the study's directions
 * @param settings   the study file's settings as stored with the study (may be empty)
 */
public record BestConfig(String study, String storage, FrozenTrial trial, List<Direction> directions,
                         Map<String, Object> settings) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The file's content as a map, keys in a stable, readable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", study);
        m.put("storage", storage);
        m.put("trial", trial.number());
        m.put("directions", directions.stream().map(Direction::toString).toList());
        if (trial.values().size() == 1) {
            m.put("value", trial.values().get(0));
        } else {
            m.put("values", trial.values());
        }
        m.put("params", trial.params());
        if (!trial.userAttrs().isEmpty()) {
            m.put("user_attrs", trial.userAttrs());
        }
        if (!settings.isEmpty()) {
            m.put("settings", settings);
        }
        m.put("exported_at", TrialRows.TIME.format(LocalDateTime.now()));
        return m;
    }

    /** Serializes a JSON-compatible value as YAML ({@code yaml}) or JSON ({@code json}). */
    public static String render(Object value, String format) {
        try {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "yaml", "yml" -> YAML.writeValueAsString(value);
                case "json" -> JSON.writeValueAsString(value) + "\n";
                default -> throw new IllegalArgumentException("unknown format '" + format + "'; expected yaml or json");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file atomically (a temporary file renamed into place, so a crash never leaves
     * half a file). The format follows the extension: {@code .yaml}, {@code .yml} or {@code .json}.
     */
    public void write(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".json") ? "json" : name.endsWith(".yaml") || name.endsWith(".yml") ? "yaml" : null;
        if (format == null) {
            throw new IllegalArgumentException(file + ": the export file must end in .yaml, .yml or .json");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".export", ".tmp");
            Files.writeString(tmp, render(toMap(), format));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the export file: " + e.getMessage(), e);
        }
    }
}
