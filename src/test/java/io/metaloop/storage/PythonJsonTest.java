package io.metaloop.storage;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected texts are what CPython 3's {@code json.dumps} prints for the same values. */
class PythonJsonTest {

    @Test
    void formatsFloatsLikePythonRepr() {
        Map<Double, String> expected = new LinkedHashMap<>();
        expected.put(0.0, "0.0");
        expected.put(-0.0, "-0.0");
        expected.put(1.0, "1.0");
        expected.put(-5.0, "-5.0");
        expected.put(0.1, "0.1");
        expected.put(1e-5, "1e-05");
        expected.put(1e-4, "0.0001");
        expected.put(0.0001234, "0.0001234");
        expected.put(1e15, "1000000000000000.0");
        expected.put(1e16, "1e+16");
        expected.put(123456789012345678.0, "1.2345678901234568e+17");
        expected.put(1.5e300, "1.5e+300");
        expected.put(4.9e-324, "5e-324");
        expected.put(Double.MAX_VALUE, "1.7976931348623157e+308");
        expected.put(2.0 / 3, "0.6666666666666666");
        expected.put(1e23, "1e+23");
        expected.put(-2.5e-7, "-2.5e-07");
        expected.put(8.402089997877698e-05, "8.402089997877698e-05");
        expected.put(Double.NaN, "NaN");
        expected.put(Double.POSITIVE_INFINITY, "Infinity");
        expected.put(Double.NEGATIVE_INFINITY, "-Infinity");
        expected.forEach((d, text) -> assertEquals(text, PythonJson.formatDouble(d), "for " + d));
    }

    @Test
    void writesLikeJsonDumps() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b\\c\n\r\t\b\f\u0001\u007f é ✓ \uD83D\uDE00 /");
        value.put("l", Arrays.asList(1, -2L, 2.5, null, true, false, Double.NaN, Double.NEGATIVE_INFINITY,
                new BigInteger("123456789012345678901234567890"), List.of(), Map.of()));
        value.put("é", Map.of("x", 1e-7f));
        assertEquals("{\"s\": \"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f \\u00e9 \\u2713 \\ud83d\\ude00 /\","
                        + " \"l\": [1, -2, 2.5, null, true, false, NaN, -Infinity, 123456789012345678901234567890, [], {}],"
                        + " \"\\u00e9\": {\"x\": 1e-07}}",
                PythonJson.write(value));
    }

    @Test
    void readsBackWhatItWrites() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", Arrays.asList(1, 12345678901L, -0.5, null, "x\u00e9", false));
        value.put("nested", Map.of("nan", Double.NaN));
        value.put("inf", Double.POSITIVE_INFINITY);
        assertEquals(value, PythonJson.read(PythonJson.write(value)));
    }

    @Test
    void readsPythonsNonFiniteLiterals() {
        assertEquals(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                PythonJson.read("[NaN, Infinity, -Infinity]"));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> PythonJson.read("{\"a\": 1"));
        assertThrows(IllegalArgumentException.class, () -> PythonJson.read("1 2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PythonJson.write(List.of(new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
