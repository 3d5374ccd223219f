package io.metaloop.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The few Python numerics the anchors print with, reproduced exactly so that a metaloop line and
 * an anchor line compare digit for digit: {@code statistics.median}, {@code statistics.quantiles}
 * with its default ("exclusive") method, and the {@code :.6g} format.
 */
public final class PythonStats {

    private PythonStats() {
    }

    /** The median: the middle value, or the mean of the two middle values. */
    public static double median(double[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("no data");
        }
        double[] s = sorted(data);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The {@code n - 1} cut points dividing the data into {@code n} groups, by the "exclusive"
     * method (Hyndman–Fan type 6): point i sits at position {@code i·(m+1)/n} of the sorted data
     * (1-based), interpolated linearly, the position clamped to the first and last gap.
     */
    public static double[] quantiles(double[] data, int n) {
        if (data.length < 2) {
            throw new IllegalArgumentException("quantiles need at least two data points");
        }
        double[] s = sorted(data);
        int ld = s.length;
        int m = ld + 1;
        double[] out = new double[n - 1];
        for (int i = 1; i < n; i++) {
            int j = Math.min(ld - 1, Math.max(1, i * m / n));
            int delta = i * m - j * n;
            out[i - 1] = (s[j - 1] * (n - delta) + s[j] * delta) / n;
        }
        return out;
    }

    /** Python's {@code format(v, '.6g')}: six significant digits, trailing zeros dropped. */
    public static String g6(double v) {
        return g(v, 6);
    }

    /** Python's {@code format(v, '.Pg')} for a precision of at least 1. */
    public static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        // exact binary value, rounded half-even as Python's correctly rounded formatting does
        BigDecimal r = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp >= -4 && exp < precision) {
            return stripZeros(r.setScale(Math.max(0, precision - 1 - exp), RoundingMode.HALF_EVEN).toPlainString());
        }
        BigDecimal mantissa = r.movePointLeft(exp);
        String digits = stripZeros(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
        String e = String.format("%02d", Math.abs(exp));
        return digits + "e" + (exp < 0 ? "-" : "+") + e;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static double[] sorted(double[] data) {
        double[] s = data.clone();
        Arrays.sort(s);
        return s;
    }
}
