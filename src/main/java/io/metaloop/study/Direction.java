package io.metaloop.study;

import java.util.Locale;

/** Whether an objective value is to be made small or large. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** Parses {@code minimize} or {@code maximize}, in any case. */
    public static Direction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected 'minimize' or 'maximize', got '" + text + "'");
        }
    }

    /** Whether {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    /** The value as seen by a minimizer: itself, or its negation for MAXIMIZE. */
    public double toMinimization(double v) {
        return this == MINIMIZE ? v : -v;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
