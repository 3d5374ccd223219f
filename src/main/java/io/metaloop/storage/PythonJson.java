package io.metaloop.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

/**
 * JSON as Python's {@code json.dumps} writes it with default settings, which is how Optuna fills
 * every {@code value_json} and {@code distribution_json} column: {@code ", "} and {@code ": "}
 * separators, non-ASCII characters escaped, floats in Python's shortest {@code repr} form
 * ({@code 1.0}, {@code 1e-05}) and {@code NaN} / {@code Infinity} literals. Writing the same bytes
 * keeps a study file indistinguishable from one Optuna wrote. Reading accepts any JSON plus
 * those literals and decodes to plain Java objects (Map, List, String, Integer / Long /
 * BigInteger, Double, Boolean, null).
 */
final class PythonJson {

    private PythonJson() {
    }

    /** Parses JSON text into plain Java objects; fails with {@link IllegalArgumentException}. */
    static Object read(String json) {
        return JsonReader.parse(json);
    }

    /** The text {@code json.dumps(value)} would give for the Python equivalent of {@code value}. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Float f) {
            // a float's decimal text is what its author meant; widening would add digits
            out.append(formatDouble(Double.parseDouble(Float.toString(f))));
        } else if (value instanceof Number n) {
            out.append(formatDouble(n.doubleValue()));
        } else if (value instanceof Character c) {
            appendString(out, c.toString());
        } else if (value instanceof Enum<?> e) {
            appendString(out, e.name());
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendString(out, String.valueOf(e.getKey()));
                out.append(": ");
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> c) {
            appendArray(out, c);
        } else if (value instanceof Object[] a) {
            appendArray(out, java.util.Arrays.asList(a));
        } else if (value instanceof double[] a) {
            appendArray(out, java.util.Arrays.stream(a).boxed().toList());
        } else if (value instanceof int[] a) {
            appendArray(out, java.util.Arrays.stream(a).boxed().toList());
        } else if (value instanceof long[] a) {
            appendArray(out, java.util.Arrays.stream(a).boxed().toList());
        } else {
            throw new IllegalArgumentException("cannot store a " + value.getClass().getName()
                    + " as JSON: use maps, lists, strings, numbers, booleans or null");
        }
    }

    private static void appendArray(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            append(out, item);
        }
        out.append(']');
    }

    /** Python's ensure_ascii escaping: everything outside printable ASCII becomes an escape. */
    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in
     * positional notation for decimal exponents from -5 to 15 (always with a fraction, "2.0")
     * and in scientific notation otherwise ("1e-05", "1.5e+16").
     */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(d);
        String digits = shortest.unscaledValue().abs().toString();
        // strip trailing zeros of the digit string; the exponent keeps the magnitude
        int len = digits.length();
        while (len > 1 && digits.charAt(len - 1) == '0') {
            len--;
        }
        digits = digits.substring(0, len);
        int exponent = shortest.precision() - shortest.scale() - 1; // of the first digit
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (exponent < 0) {
            out.append("0.");
            out.append("0".repeat(-exponent - 1));
            out.append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits);
            out.append("0".repeat(exponent + 1 - digits.length()));
            out.append(".0");
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }

    /** The decimal with the fewest significant digits that parses back to {@code d}. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal r = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
