package io.metaloop.spec;

import io.metaloop.pruner.NopPruner;
import io.metaloop.pruner.Pruner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The study's pruner as read from the {@code pruner:} section: a type and its options. Only
 * {@code none} exists so far; median, ASHA and others will add types with options.
 *
 * @param type    one of {@link #TYPES}
 * @param options the type's options (none for {@code none})
 */
public record PrunerSpec(String type, Map<String, Object> options) {

    /** The pruner that never prunes. */
    public static final String NONE = "none";
    /** The pruner types a study file may name. */
    public static final List<String> TYPES = List.of(NONE);

    public PrunerSpec {
        Objects.requireNonNull(type, "type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown pruner '" + type + "'; expected one of " + Hints.list(TYPES));
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** No pruning, the default. */
    public static PrunerSpec none() {
        return new PrunerSpec(NONE, Map.of());
    }

    /** A new pruner of this type. */
    public Pruner create() {
        // a switch over the types, so that adding one without a case fails to compile
        return switch (type) {
            case NONE -> new NopPruner();
            default -> throw new IllegalStateException("unknown pruner '" + type + "'");
        };
    }

    /** The section as in a study file: {@code type} followed by the options. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(options);
        return m;
    }
}
