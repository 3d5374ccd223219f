package io.metaloop.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected figures are what Python 3.11 prints for the same input. */
class PythonStatsTest {

    @Test
    void quantilesUseTheExclusiveMethod() {
        // by hand: positions i·(10+1)/4 = 2.75, 5.5, 8.25 of 1..10
        assertArrayEquals(new double[] {2.75, 5.5, 8.25}, PythonStats.quantiles(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 4), 1e-15);
        // positions 1, 2, 3 of [1, 2, 5]: exact data points
        assertArrayEquals(new double[] {1, 2, 5}, PythonStats.quantiles(new double[] {1, 5, 2}, 4), 0);
        // positions 0.75 and 2.25 of two points lie outside: Python extrapolates from the end gaps
        assertArrayEquals(new double[] {0.05, 0.2, 0.35}, PythonStats.quantiles(new double[] {0.3, 0.1}, 4), 1e-15);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.5, PythonStats.median(new double[] {4, 1, 3, 2}));
        assertEquals(3, PythonStats.median(new double[] {5, 3, 1}));
    }

    @Test
    void sixSignificantDigitsAsPythonFormatsThem() {
        double[] v = {0.00594233123, 791.8712, 56697.0, 1.5e-5, 1234567.0, 0.0001, 123456.7, 100000.0, 1e6, 0.5,
                2.5e-300, -3.25e-7, 0.000123456789, 9.999995, 0.0, Double.POSITIVE_INFINITY, Double.NaN};
        String[] python = {"0.00594233", "791.871", "56697", "1.5e-05", "1.23457e+06", "0.0001", "123457", "100000",
                "1e+06", "0.5", "2.5e-300", "-3.25e-07", "0.000123457", "10", "0", "inf", "nan"};
        for (int i = 0; i < v.length; i++) {
            assertEquals(python[i], PythonStats.g6(v[i]), "format of " + v[i]);
        }
    }
}
