package io.metaloop.objective;

import io.metaloop.train.data.DataOptions;
import io.metaloop.train.data.Normalization;
import io.metaloop.train.nn.Augmentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The options of a {@code network} objective: which data, which metric, the parameter budget and
 * the training defaults that a trial's parameters may override. Read from a study file's
 * {@code objective:} section, stored with the study as a map, and read back from an exported
 * best-configuration file by {@code metaloop train}.
 *
 * @param data               {@code digits}, {@code fashion-mnist} or a path to IDX or CSV files
 * @param metrics            the values a trial returns, one per direction of the study:
 *                           {@value #VAL_ACCURACY} (larger is better) and, for size/accuracy
 *                           fronts, {@value #PARAMS} (the parameter count, smaller is better);
 *                           {@value #VAL_ACCURACY} among them, none twice
 * @param maxParams          the largest allowed parameter count, or 0 for no limit
 * @param epochs             epochs per trial unless the parameter {@code epochs} says otherwise
 * @param batchSize          examples per step unless the parameter {@code batch_size} says otherwise
 * @param validationFraction the share of the training data held out for validation
 * @param labelColumn        the CSV label column
 * @param normalize          how features are rescaled
 * @param splitSeed          the seed of the validation split
 * @param seed               the training seed (weights, shuffling, dropout)
 * @param fidelity           what the steps of the intermediate values count (epochs or examples)
 * @param augment            the training-image augmentation of every trial unless the parameters
 *                           {@code augment_flip} and {@code augment_shift} say otherwise
 * @param finalTraining      the part of a time budget kept to train the best networks again, longer
 *                           ({@link FinalTraining#NONE}: none)
 */
public record NetworkSettings(String data, List<String> metrics, long maxParams, int epochs, int batchSize,
                              double validationFraction, String labelColumn, Normalization normalize,
                              long splitSeed, long seed, Fidelity fidelity, Augmentation augment,
                              FinalTraining finalTraining) {

    /** Validation accuracy, larger is better. */
    public static final String VAL_ACCURACY = "val_accuracy";
    /** The network's parameter count, smaller is better (a second metric, for size/accuracy fronts). */
    public static final String PARAMS = "params";
    /** The metrics a network objective can return. */
    public static final List<String> METRICS = List.of(VAL_ACCURACY, PARAMS);
    /** The option keys of a network objective (besides {@code type}), in file order. */
    public static final List<String> KEYS = List.of("data", "metric", "metrics", "max-params", "epochs", "batch-size",
            "validation-fraction", "label-column", "normalize", "split-seed", "seed", "fidelity", "augment",
            "final-training");
    /** The default number of epochs. */
    public static final int EPOCHS = 10;
    /** The default batch size. */
    public static final int BATCH_SIZE = 64;

    public NetworkSettings {
        Objects.requireNonNull(data, "data");
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(normalize, "normalize");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(finalTraining, "finalTraining");
        if (data.isBlank()) {
            throw new IllegalArgumentException("data is empty");
        }
        for (String metric : metrics) {
            if (!METRICS.contains(metric)) {
                throw new IllegalArgumentException("unknown metric '" + metric + "'; expected " + String.join(", ", METRICS));
            }
        }
        if (!metrics.contains(VAL_ACCURACY) || Set.copyOf(metrics).size() != metrics.size()) {
            throw new IllegalArgumentException("metrics must name " + VAL_ACCURACY + " and no metric twice, got " + metrics);
        }
        if (maxParams < 0) {
            throw new IllegalArgumentException("max-params must be at least 1 (or left out), got " + maxParams);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be at least 1, got " + batchSize);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation-fraction must be in (0, 1) for a search, got " + validationFraction);
        }
    }

    /** Settings without final training. */
    public NetworkSettings(String data, List<String> metrics, long maxParams, int epochs, int batchSize,
                           double validationFraction, String labelColumn, Normalization normalize,
                           long splitSeed, long seed, Fidelity fidelity, Augmentation augment) {
        this(data, metrics, maxParams, epochs, batchSize, validationFraction, labelColumn, normalize, splitSeed, seed,
                fidelity, augment, FinalTraining.NONE);
    }

    /** Settings without augmentation or final training. */
    public NetworkSettings(String data, List<String> metrics, long maxParams, int epochs, int batchSize,
                           double validationFraction, String labelColumn, Normalization normalize,
                           long splitSeed, long seed, Fidelity fidelity) {
        this(data, metrics, maxParams, epochs, batchSize, validationFraction, labelColumn, normalize, splitSeed, seed,
                fidelity, Augmentation.NONE);
    }

    /** Settings that report once per epoch ({@link Fidelity#EPOCHS}), without augmentation. */
    public NetworkSettings(String data, List<String> metrics, long maxParams, int epochs, int batchSize,
                           double validationFraction, String labelColumn, Normalization normalize,
                           long splitSeed, long seed) {
        this(data, metrics, maxParams, epochs, batchSize, validationFraction, labelColumn, normalize, splitSeed, seed,
                Fidelity.EPOCHS);
    }

    /** Settings on {@code data} with every default. */
    public static NetworkSettings of(String data) {
        return new NetworkSettings(data, List.of(VAL_ACCURACY), 0, EPOCHS, BATCH_SIZE, DataOptions.VALIDATION_FRACTION,
                DataOptions.LABEL, Normalization.AUTO, 0, 0);
    }

    /** The first metric, the one per-epoch reports (and pruners) are about when it is {@value #VAL_ACCURACY}. */
    public String metric() {
        return metrics.get(0);
    }

    /** These settings returning {@code m} instead. */
    public NetworkSettings withMetrics(List<String> m) {
        return new NetworkSettings(data, m, maxParams, epochs, batchSize, validationFraction, labelColumn, normalize,
                splitSeed, seed, fidelity, augment, finalTraining);
    }

    /** These settings with another fidelity. */
    public NetworkSettings withFidelity(Fidelity f) {
        return new NetworkSettings(data, metrics, maxParams, epochs, batchSize, validationFraction, labelColumn, normalize,
                splitSeed, seed, f, augment, finalTraining);
    }

    /**
     * Settings from a map as {@link #toMap()} writes it (missing keys take their defaults).
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static NetworkSettings fromMap(Map<String, ?> m) {
        for (String key : m.keySet()) {
            if (!KEYS.contains(key) && !"type".equals(key)) {
                throw new IllegalArgumentException("unknown network objective key '" + key + "'; expected "
                        + String.join(", ", KEYS));
            }
        }
        Object data = m.get("data");
        if (data == null) {
            throw new IllegalArgumentException("the network objective needs data (digits, fashion-mnist or a path)");
        }
        return new NetworkSettings(String.valueOf(data),
                metrics(m),
                number(m, "max-params", 0).longValue(),
                number(m, "epochs", EPOCHS).intValue(),
                number(m, "batch-size", BATCH_SIZE).intValue(),
                number(m, "validation-fraction", DataOptions.VALIDATION_FRACTION).doubleValue(),
                text(m, "label-column", DataOptions.LABEL),
                Normalization.parse(text(m, "normalize", "auto")),
                number(m, "split-seed", 0).longValue(),
                number(m, "seed", 0).longValue(),
                fidelity(m.get("fidelity")),
                augment(m.get("augment")),
                FinalTraining.fromMap(m.get("final-training")));
    }

    /** {@code augment: {flip: true, shift: 1}}; either key may be left out. */
    static Augmentation augment(Object v) {
        if (v == null) {
            return Augmentation.NONE;
        }
        if (!(v instanceof Map<?, ?> section)) {
            throw new IllegalArgumentException("augment: expected a mapping such as {flip: true, shift: 1}, got '" + v + "'");
        }
        for (Object key : section.keySet()) {
            if (!"flip".equals(key) && !"shift".equals(key)) {
                throw new IllegalArgumentException("augment: unknown key '" + key + "'; expected flip, shift");
            }
        }
        Object flip = section.get("flip");
        if (flip != null && !(flip instanceof Boolean)) {
            throw new IllegalArgumentException("augment.flip: expected true or false, got '" + flip + "'");
        }
        Object shift = section.get("shift");
        if (shift != null && !(shift instanceof Integer || shift instanceof Long)) {
            throw new IllegalArgumentException("augment.shift: expected a whole number of pixels, got '" + shift + "'");
        }
        try {
            return new Augmentation(Boolean.TRUE.equals(flip), shift == null ? 0 : ((Number) shift).intValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("augment.shift: " + e.getMessage(), e);
        }
    }

    private static Fidelity fidelity(Object v) {
        if (v == null) {
            return Fidelity.EPOCHS;
        }
        if (v instanceof Map<?, ?> section) {
            try {
                return Fidelity.fromMap(section);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fidelity: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("fidelity: expected a mapping such as {resource: examples}, got '" + v + "'");
    }

    /** {@code metrics: [...]}, or {@code metric: x}, or the default; not both keys. */
    private static List<String> metrics(Map<String, ?> m) {
        Object many = m.get("metrics");
        if (many == null) {
            return List.of(text(m, "metric", VAL_ACCURACY));
        }
        if (m.get("metric") != null) {
            throw new IllegalArgumentException("metrics: give metric (one value) or metrics (several), not both");
        }
        if (!(many instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("metrics: expected a list such as [val_accuracy, params], got '" + many + "'");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String text(Map<String, ?> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    private static Number number(Map<String, ?> m, String key, Number dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException(key + ": expected a number, got '" + v + "'");
    }

    /** The data options for a search: validation share, label column, normalisation, split seed. */
    public DataOptions dataOptions() {
        return DataOptions.DEFAULTS.withValidationFraction(validationFraction).withLabelColumn(labelColumn)
                .withNormalization(normalize).withSeed(splitSeed);
    }

    /** The options as in a study file ({@code type} not included), defaults made explicit. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        if (metrics.size() == 1) {
            m.put("metric", metrics.get(0));
        } else {
            m.put("metrics", metrics);
        }
        if (maxParams > 0) {
            m.put("max-params", maxParams);
        }
        m.put("epochs", epochs);
        m.put("batch-size", batchSize);
        m.put("validation-fraction", validationFraction);
        m.put("label-column", labelColumn);
        m.put("normalize", normalize.name().toLowerCase(java.util.Locale.ROOT));
        m.put("split-seed", splitSeed);
        m.put("seed", seed);
        m.put("fidelity", fidelity.toMap());
        if (!augment.isNone()) {
            m.put("augment", augmentMap(augment));
        }
        if (!finalTraining.isNone()) {
            m.put("final-training", finalTraining.toMap());
        }
        return m;
    }

    /** {@code {flip: …, shift: …}}, as {@link #augment} reads it. */
    static Map<String, Object> augmentMap(Augmentation a) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("flip", a.flip());
        section.put("shift", a.shift());
        return section;
    }
}
