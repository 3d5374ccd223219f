package io.metaloop.spec;

import io.metaloop.pruner.HyperbandPruner;
import io.metaloop.pruner.MedianPruner;
import io.metaloop.pruner.NopPruner;
import io.metaloop.pruner.PatientPruner;
import io.metaloop.pruner.PercentilePruner;
import io.metaloop.pruner.Pruner;
import io.metaloop.pruner.SuccessiveHalvingPruner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The study's pruner as read from the {@code pruner:} section: a type and the options given
 * (options not given keep the pruner's defaults). Types: {@code none}; {@code median} and
 * {@code percentile} ({@link PercentilePruner}); {@code asha}, also written
 * {@code successive-halving} ({@link SuccessiveHalvingPruner}); {@code hyperband}
 * ({@link HyperbandPruner}); {@code patient} ({@link PatientPruner}), whose option
 * {@code pruner} is the section of the pruner it wraps. The options of each type are
 * {@link #OPTIONS}, kebab-case as in study files.
 *
 * @param type    one of {@link #TYPES}; {@code successive-halving} becomes {@code asha}
 * @param options the options given, by study-file name (JSON-compatible values; a wrapped
 *                pruner as a map in the same format)
 */
public record PrunerSpec(String type, Map<String, Object> options) {

    /** The pruner that never prunes. */
    public static final String NONE = "none";
    /** The median stopping rule. */
    public static final String MEDIAN = "median";
    /** A percentile rule. */
    public static final String PERCENTILE = "percentile";
    /** Asynchronous successive halving. */
    public static final String ASHA = "asha";
    /** Another name of {@link #ASHA}. */
    public static final String SUCCESSIVE_HALVING = "successive-halving";
    /** Hyperband over successive-halving brackets. */
    public static final String HYPERBAND = "hyperband";
    /** Waits for a trial to stop improving, then defers to a wrapped pruner. */
    public static final String PATIENT = "patient";
    /** The pruner types a study file may name. */
    public static final List<String> TYPES = List.of(NONE, MEDIAN, PERCENTILE, ASHA, SUCCESSIVE_HALVING, HYPERBAND, PATIENT);

    private static final List<String> PERCENTILE_OPTIONS =
            List.of("startup-trials", "warmup-steps", "interval-steps", "min-trials", "objective");
    /** The options of each type (after aliases), as written in study files. */
    public static final Map<String, List<String>> OPTIONS = Map.of(
            NONE, List.of(),
            MEDIAN, PERCENTILE_OPTIONS,
            PERCENTILE, concat(List.of("percentile"), PERCENTILE_OPTIONS),
            ASHA, List.of("min-resource", "reduction-factor", "min-early-stopping-rate", "max-resource", "objective",
                    "per-layout", "capped"),
            HYPERBAND, List.of("min-resource", "max-resource", "reduction-factor", "seed", "objective"),
            PATIENT, List.of("patience", "min-delta", "pruner", "objective"));
    /** The options a type cannot do without. */
    public static final Map<String, List<String>> REQUIRED = Map.of(
            PERCENTILE, List.of("percentile"), HYPERBAND, List.of("max-resource"), PATIENT, List.of("patience"));

    public PrunerSpec {
        Objects.requireNonNull(type, "type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown pruner '" + type + "'; expected one of " + Hints.list(TYPES));
        }
        type = SUCCESSIVE_HALVING.equals(type) ? ASHA : type;
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** No pruning, the default. */
    public static PrunerSpec none() {
        return new PrunerSpec(NONE, Map.of());
    }

    /** A section in the format of {@link #toMap()}: {@code type} and the options. */
    public static PrunerSpec fromMap(Map<String, Object> section) {
        Map<String, Object> options = new LinkedHashMap<>(section);
        Object type = options.remove("type");
        return new PrunerSpec(String.valueOf(type), options);
    }

    /** A new pruner of this type; fails with the option's name when a value is out of range. */
    @SuppressWarnings("unchecked")
    public Pruner create() {
        // a switch over the types, so that adding one without a case fails to compile
        return switch (type) {
            case NONE -> new NopPruner();
            case MEDIAN, PERCENTILE -> {
                PercentilePruner.Builder b = MEDIAN.equals(type) ? MedianPruner.builder()
                        : PercentilePruner.builder(((Number) options.get("percentile")).doubleValue());
                ifInt("startup-trials", b::startupTrials);
                ifInt("warmup-steps", b::warmupSteps);
                ifInt("interval-steps", b::intervalSteps);
                ifInt("min-trials", b::minTrials);
                ifInt("objective", b::objective);
                yield b.build();
            }
            case ASHA -> {
                SuccessiveHalvingPruner.Builder b = SuccessiveHalvingPruner.builder();
                ifInt("min-resource", b::minResource);
                ifInt("reduction-factor", b::reductionFactor);
                ifInt("min-early-stopping-rate", b::minEarlyStoppingRate);
                ifInt("max-resource", b::maxResource);
                ifInt("objective", b::objective);
                if (options.get("per-layout") instanceof Boolean once) {
                    b.perLayout(once);
                }
                if (options.get("capped") instanceof Boolean cap) {
                    b.capped(cap);
                }
                yield b.build();
            }
            case HYPERBAND -> {
                HyperbandPruner.Builder b = HyperbandPruner.builder(((Number) options.get("max-resource")).intValue());
                ifInt("min-resource", b::minResource);
                ifInt("reduction-factor", b::reductionFactor);
                ifInt("objective", b::objective);
                if (options.get("seed") instanceof Number n) {
                    b.seed(n.longValue());
                }
                yield b.build();
            }
            case PATIENT -> {
                PatientPruner.Builder b = PatientPruner.builder(((Number) options.get("patience")).intValue());
                if (options.get("min-delta") instanceof Number n) {
                    b.minDelta(n.doubleValue());
                }
                if (options.get("pruner") instanceof Map<?, ?> wrapped) {
                    b.wrapping(fromMap((Map<String, Object>) wrapped).create());
                }
                ifInt("objective", b::objective);
                yield b.build();
            }
            default -> throw new IllegalStateException("unknown pruner '" + type + "'");
        };
    }

    private void ifInt(String key, IntConsumer set) {
        if (options.get(key) instanceof Number n) {
            set.accept(n.intValue());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The section as in a study file: {@code type} followed by the options. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(options);
        return m;
    }
}
