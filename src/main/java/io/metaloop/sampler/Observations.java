package io.metaloop.sampler;

import io.metaloop.study.FrozenTrial;
import io.metaloop.study.TrialState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials' parameter values as coordinates on TPE's axes ({@link ParamAxis#coordinate}),
 * remembered for finished trials — they never change, so each is converted once per set of
 * axes rather than once per sampled trial. Running trials are converted afresh each time, taking
 * values this process proposed but has not stored yet from {@link RunningParams}.
 */
final class Observations {

    /** Sets of axes remembered; independent TPE uses one set per parameter. */
    private static final int MAX_AXIS_SETS = 256;
    private static final double[] ABSENT = new double[0];

    private record AxisSet(List<String> names, List<ParamAxis> axes) {
    }

    private record Entry(FrozenTrial trial, double[] x) {
    }

    /**
     * Entries by trial number, which are dense: an array look-up instead of hashing a boxed id
     * hundreds of times per sampled trial. An entry counts only for the very trial object it was
     * made from, so a trial of another study with the same number is converted afresh.
     */
    private static final class ByNumber {
        private Entry[] entries = new Entry[64];

        Entry get(int number) {
            return number < entries.length ? entries[number] : null;
        }

        void put(int number, Entry e) {
            if (number >= entries.length) {
                entries = java.util.Arrays.copyOf(entries, Math.max(number + 1, 2 * entries.length));
            }
            entries[number] = e;
        }
    }

    private final RunningParams running;
    private final Map<AxisSet, ByNumber> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AxisSet, ByNumber> eldest) {
            return size() > MAX_AXIS_SETS;
        }
    };

    Observations(RunningParams running) {
        this.running = running;
    }

    /** The coordinates on these axes, looked up per trial by {@link Axes#of}. */
    Axes on(List<String> names, List<ParamAxis> axes) {
        ByNumber byTrial;
        synchronized (cache) {
            byTrial = cache.computeIfAbsent(new AxisSet(names, axes), k -> new ByNumber());
        }
        return new Axes(names, axes, byTrial);
    }

    /** Coordinates on one set of axes. */
    final class Axes {
        private final List<String> names;
        private final List<ParamAxis> axes;
        private final ByNumber byTrial;

        private Axes(List<String> names, List<ParamAxis> axes, ByNumber byTrial) {
            this.names = names;
            this.axes = axes;
            this.byTrial = byTrial;
        }

        /** The coordinates of trial {@code t}, or null when it lacks one of the parameters. */
        double[] of(FrozenTrial t) {
            return lookup(t, names, axes, byTrial);
        }
    }

    private double[] lookup(FrozenTrial t, List<String> names, List<ParamAxis> axes, ByNumber byTrial) {
        if (!t.state().isFinished()) {
            return convert(t, names, axes);
        }
        synchronized (byTrial) {
            Entry e = byTrial.get(t.number());
            if (e == null || e.trial() != t) {
                double[] x = convert(t, names, axes);
                e = new Entry(t, x == null ? ABSENT : x);
                byTrial.put(t.number(), e);
            }
            return e.x() == ABSENT ? null : e.x();
        }
    }

    private double[] convert(FrozenTrial t, List<String> names, List<ParamAxis> axes) {
        double[] x = new double[axes.size()];
        for (int j = 0; j < x.length; j++) {
            String name = names.get(j);
            Object v = t.params().get(name);
            if (v == null && !t.params().containsKey(name)) {
                if (t.state() != TrialState.RUNNING || !running.has(t.id(), name)) {
                    return null;
                }
                v = running.get(t.id(), name);
            }
            x[j] = axes.get(j).coordinate(v);
            if (Double.isNaN(x[j])) {
                return null;
            }
        }
        return x;
    }
}
