package io.metaloop.storage;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import io.metaloop.study.Direction;
import io.metaloop.study.TrialState;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How Optuna 3.1 encodes values in its RDB columns: distributions as {@code distribution_json}
 * (reading also Optuna's older distribution names and its abbreviated form), objective and
 * intermediate values split into a nullable float and a type tag, directions, states and
 * datetimes as SQLAlchemy writes them to SQLite.
 */
final class OptunaEncoding {

    /** {@code trial_values.value_type} / {@code trial_intermediate_values.intermediate_value_type}. */
    static final String FINITE = "FINITE";
    static final String INF_POS = "INF_POS";
    static final String INF_NEG = "INF_NEG";
    static final String NAN = "NAN";

    private static final DateTimeFormatter WRITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter READ_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    // The same few distributions are written and read on every trial; caching skips the JSON work.
    private static final int CACHE_LIMIT = 4096;
    private static final Map<Distribution, String> TO_JSON = new ConcurrentHashMap<>();
    private static final Map<String, Distribution> FROM_JSON = new ConcurrentHashMap<>();

    private OptunaEncoding() {
    }

    /** {@code distribution_json} exactly as Optuna 3.1's {@code distribution_to_json} writes it. */
    static String distributionToJson(Distribution d) {
        String cached = TO_JSON.get(d);
        if (cached != null) {
            return cached;
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        String name;
        // attribute order is the order Optuna's constructors assign their fields
        if (d instanceof FloatDistribution f) {
            name = "FloatDistribution";
            attrs.put("step", f.step());
            attrs.put("low", f.low());
            attrs.put("high", f.high());
            attrs.put("log", f.log());
        } else if (d instanceof IntDistribution i) {
            name = "IntDistribution";
            attrs.put("log", i.log());
            attrs.put("step", i.step());
            attrs.put("low", i.low());
            attrs.put("high", i.high());
        } else {
            name = "CategoricalDistribution";
            attrs.put("choices", ((CategoricalDistribution) d).choices());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("attributes", attrs);
        String text = PythonJson.write(json);
        remember(TO_JSON, d, text);
        return text;
    }

    /** Reads a {@code distribution_json}; fails with {@link IllegalArgumentException}. */
    static Distribution distributionFromJson(String json) {
        Distribution cached = FROM_JSON.get(json);
        if (cached != null) {
            return cached;
        }
        if (!(PythonJson.read(json) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a distribution must be a JSON object: " + json);
        }
        Distribution d = m.containsKey("name") ? named(m) : abbreviated(m);
        remember(FROM_JSON, json, d);
        return d;
    }

    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static Distribution named(Map<?, ?> json) {
        String name = String.valueOf(json.get("name"));
        if (!(json.get("attributes") instanceof Map<?, ?> a)) {
            throw new IllegalArgumentException("distribution " + name + " has no attributes");
        }
        return switch (name) {
            case "FloatDistribution" -> new FloatDistribution(real(a, "low"), real(a, "high"),
                    bool(a, "log", false), optionalReal(a, "step"));
            case "UniformDistribution" -> new FloatDistribution(real(a, "low"), real(a, "high"), false, null);
            case "LogUniformDistribution" -> new FloatDistribution(real(a, "low"), real(a, "high"), true, null);
            case "DiscreteUniformDistribution" -> new FloatDistribution(real(a, "low"), real(a, "high"), false,
                    real(a, "q"));
            case "IntDistribution" -> new IntDistribution(integer(a, "low", null), integer(a, "high", null),
                    bool(a, "log", false), integer(a, "step", 1));
            case "IntUniformDistribution" -> new IntDistribution(integer(a, "low", null), integer(a, "high", null),
                    false, integer(a, "step", 1));
            case "IntLogUniformDistribution" -> new IntDistribution(integer(a, "low", null), integer(a, "high", null),
                    true, integer(a, "step", 1));
            case "CategoricalDistribution" -> categorical(a.get("choices"));
            default -> throw new IllegalArgumentException("unknown distribution '" + name + "'");
        };
    }

    /** Optuna also reads {"type": "float", "low": ..., "high": ...}; so do we. */
    private static Distribution abbreviated(Map<?, ?> a) {
        String type = String.valueOf(a.get("type"));
        return switch (type) {
            case "float" -> new FloatDistribution(real(a, "low"), real(a, "high"), bool(a, "log", false),
                    optionalReal(a, "step"));
            case "int" -> new IntDistribution(integer(a, "low", null), integer(a, "high", null), bool(a, "log", false),
                    a.get("step") == null ? 1 : integer(a, "step", 1));
            case "categorical" -> categorical(a.get("choices"));
            default -> throw new IllegalArgumentException("unknown distribution type '" + type + "'");
        };
    }

    private static CategoricalDistribution categorical(Object choices) {
        if (!(choices instanceof List<?> list)) {
            throw new IllegalArgumentException("categorical choices must be a list, got " + choices);
        }
        return new CategoricalDistribution(new ArrayList<>(list));
    }

    private static double real(Map<?, ?> a, String key) {
        if (!(a.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("attribute '" + key + "' must be a number, got " + a.get(key));
        }
        return n.doubleValue();
    }

    private static Double optionalReal(Map<?, ?> a, String key) {
        return a.get(key) == null ? null : real(a, key);
    }

    private static int integer(Map<?, ?> a, String key, Integer absent) {
        Object v = a.get(key);
        if (v == null && absent != null) {
            return absent;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < Integer.MIN_VALUE || n.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attribute '" + key + "' must be a 32-bit integer, got " + v);
        }
        return n.intValue();
    }

    private static boolean bool(Map<?, ?> a, String key, boolean absent) {
        Object v = a.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("attribute '" + key + "' must be true or false, got " + v);
        }
        return b;
    }

    /** The stored value of an objective value: null for ±inf (type says which); NaN is refused. */
    static Double storedValue(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("an objective value cannot be NaN");
        }
        return Double.isInfinite(v) ? null : v;
    }

    /** The type tag of an objective or intermediate value. */
    static String valueType(double v) {
        if (Double.isNaN(v)) {
            return NAN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? INF_POS : INF_NEG;
        }
        return FINITE;
    }

    /** The stored value of an intermediate value: null unless finite. */
    static Double storedIntermediate(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The value a stored float and type tag stand for. */
    static double decodeValue(Double stored, String type) {
        return switch (type) {
            case FINITE -> {
                if (stored == null) {
                    throw new IllegalArgumentException("a FINITE value is NULL");
                }
                yield stored;
            }
            case INF_POS -> Double.POSITIVE_INFINITY;
            case INF_NEG -> Double.NEGATIVE_INFINITY;
            case NAN -> Double.NaN;
            default -> throw new IllegalArgumentException("unknown value type '" + type + "'");
        };
    }

    /** {@code study_directions.direction}. */
    static String direction(Direction d) {
        return d.name();
    }

    /** Reads a direction; Optuna's transient NOT_SET is its default, minimize. */
    static Direction direction(String stored) {
        return switch (stored) {
            case "MINIMIZE", "NOT_SET" -> Direction.MINIMIZE;
            case "MAXIMIZE" -> Direction.MAXIMIZE;
            default -> throw new IllegalArgumentException("unknown direction '" + stored + "'");
        };
    }

    /** Reads {@code trials.state}. */
    static TrialState state(String stored) {
        try {
            return TrialState.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown trial state '" + stored + "'");
        }
    }

    /** Datetimes are kept to the microsecond, as Python's datetime does. */
    static LocalDateTime truncate(LocalDateTime t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /** A naive local datetime as SQLAlchemy stores it in SQLite. */
    static String formatTime(LocalDateTime t) {
        return t == null ? null : WRITE_TIME.format(t);
    }

    /** Reads a stored datetime, with or without fraction of second. */
    static LocalDateTime parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), READ_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a datetime: '" + text + "'");
        }
    }
}
