package io.metaloop.storage;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written reader agrees with Jackson, an independent JSON implementation. */
class JsonReaderTest {

    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private static String randomJson(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(5) : r.nextInt(7);
        return switch (kind) {
            case 0 -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ", ").append(randomString(r)).append(": ").append(randomJson(r, depth + 1));
                }
                yield sb.append('}').toString();
            }
            case 1 -> {
                StringBuilder sb = new StringBuilder("[ ");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : " ,").append(randomJson(r, depth + 1));
                }
                yield sb.append(']').toString();
            }
            case 2 -> randomString(r);
            case 3 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 4 -> Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20));
            case 5 -> List.of("true", "false", "null").get(r.nextInt(3));
            default -> "123456789012345678901234567890";
        };
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder("\"");
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(6);
            switch (k) {
                case 0 -> sb.append("\\\"");
                case 1 -> sb.append("\\u").append(String.format("%04x", r.nextInt(0x10000)));
                case 2 -> sb.append("\\n\\t\\\\");
                case 3 -> sb.append('é');
                default -> sb.append((char) ('a' + r.nextInt(26)));
            }
        }
        return sb.append('"').toString();
    }

    @Test
    void agreesWithJacksonOnRandomDocuments() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String json = randomJson(r, 0);
            Object ours = normalize(JsonReader.parse(json));
            Object theirs = normalize(JACKSON.readValue(json, Object.class));
            assertEquals(theirs, ours, json);
        }
    }

    /** Whole numbers compared as BigInteger, as Jackson is told to read them here. */
    private static Object normalize(Object o) {
        if (o instanceof Integer || o instanceof Long) {
            return java.math.BigInteger.valueOf(((Number) o).longValue());
        }
        if (o instanceof java.util.Map<?, ?> m) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(JsonReaderTest::normalize).toList();
        }
        return o;
    }

    @Test
    void narrowsWholeNumbersAndReadsPythonLiterals() {
        assertEquals(7, JsonReader.parse("7"));
        assertEquals(1L << 40, JsonReader.parse(Long.toString(1L << 40)));
        assertEquals(List.of(Double.NaN, Double.NEGATIVE_INFINITY, 1e-05), JsonReader.parse("[NaN, -Infinity, 1e-05]"));
    }

    @Test
    void refusesMalformedText() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "1 2", "{1: 2}", "\"\\x\"")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }
}
