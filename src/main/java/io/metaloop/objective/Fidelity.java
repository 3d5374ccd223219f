package io.metaloop.objective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the step of a network trial's intermediate values counts — the resource that pruners
 * (ASHA rungs, Hyperband brackets, warm-up steps) are measured in. With {@link Resource#EPOCHS}
 * the report after epoch {@code e} is step {@code e}. With {@link Resource#EXAMPLES} a step is a
 * number of training examples trained on: the report after epoch {@code e} is step
 * {@code e · n} for {@code n} training examples, and with a {@code firstReport} the first epoch
 * also reports at {@code firstReport}, {@code 2 · firstReport}, {@code 4 · firstReport}, … below
 * {@code n} — a network trained once on a growing random subset of the data — so that a pruner
 * can stop a bad configuration after a small part of one epoch. A sub-epoch report is made at
 * the first batch boundary at or after its step and is numbered by the step itself, so every
 * trial reports the same steps whatever its batch size.
 *
 * @param resource    what a step counts
 * @param firstReport with {@code EXAMPLES}, the step of the first report within the first epoch,
 *                    or 0 for reports at epoch ends only; 0 with {@code EPOCHS}
 */
public record Fidelity(Resource resource, int firstReport) {

    /** The keys of a {@code fidelity:} section. */
    public static final List<String> KEYS = List.of("resource", "first-report");
    /** Steps count epochs, one report per epoch: the default. */
    public static final Fidelity EPOCHS = new Fidelity(Resource.EPOCHS, 0);

    /** What a step counts. */
    public enum Resource {
        /** Finished epochs. */
        EPOCHS,
        /** Training examples trained on, over all epochs. */
        EXAMPLES;

        /** The names a study file may give, in order. */
        public static final List<String> NAMES = List.of("epochs", "examples");

        /** The resource named {@code name} ({@code epochs} or {@code examples}). */
        public static Resource parse(String name) {
            int i = NAMES.indexOf(name.trim().toLowerCase(Locale.ROOT));
            if (i < 0) {
                throw new IllegalArgumentException("unknown resource '" + name + "'; expected "
                        + String.join(" or ", NAMES));
            }
            return values()[i];
        }

        /** The name in study files. */
        public String id() {
            return NAMES.get(ordinal());
        }
    }

    public Fidelity {
        Objects.requireNonNull(resource, "resource");
        if (firstReport < 0) {
            throw new IllegalArgumentException("first-report must be at least 1, got " + firstReport);
        }
        if (firstReport > 0 && resource != Resource.EXAMPLES) {
            throw new IllegalArgumentException("first-report needs resource: examples (reports within an epoch are"
                    + " counted in examples)");
        }
    }

    /**
     * Reads a section as {@link #toMap()} writes it; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static Fidelity fromMap(Map<?, ?> m) {
        for (Object key : m.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown fidelity key '" + key + "'; expected " + String.join(", ", KEYS));
            }
        }
        Object resource = m.get("resource");
        Object first = m.get("first-report");
        if (first != null && !(first instanceof Integer || first instanceof Long)) {
            throw new IllegalArgumentException("first-report: expected a whole number of examples, got '" + first + "'");
        }
        return new Fidelity(resource == null ? Resource.EPOCHS : Resource.parse(String.valueOf(resource)),
                first == null ? 0 : Math.toIntExact(((Number) first).longValue()));
    }

    /** The step of the report after epoch {@code epoch} (from 1), with {@code trainSize} training examples. */
    public int epochStep(int epoch, int trainSize) {
        long step = resource == Resource.EPOCHS ? epoch : (long) epoch * trainSize;
        if (step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("step " + step + " (epoch " + epoch + " of " + trainSize
                    + " examples) is too large for a step; train fewer epochs or use resource: epochs");
        }
        return (int) step;
    }

    /** The section as in a study file. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", resource.id());
        if (firstReport > 0) {
            m.put("first-report", firstReport);
        }
        return m;
    }
}
