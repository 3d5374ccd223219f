package io.metaloop.sampler;

import io.metaloop.space.CategoricalDistribution;
import io.metaloop.space.Distribution;
import io.metaloop.space.FloatDistribution;
import io.metaloop.space.IntDistribution;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParzenEstimatorTest {

    private static ParzenEstimator fit(List<ParamAxis> axes, long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] obs = new double[n][axes.size()];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < axes.size(); j++) {
                ParamAxis a = axes.get(j);
                // clustered observations, so that kernel widths differ
                obs[i][j] = a.categorical() ? rng.nextInt(Math.min(2, a.choices())) : a.snap(Math.pow(rng.nextDouble(), 3));
            }
            w[i] = 0.5 + rng.nextDouble();
        }
        return ParzenEstimator.fit(axes, obs, w, 1.0);
    }

    @Test
    void continuousDensityIntegratesToOne() {
        for (int n : new int[] {0, 1, 5, 40}) {
            ParzenEstimator p = fit(List.of(ParamAxis.of(FloatDistribution.log(1e-5, 1))), n, n);
            int m = 100_000;
            double total = 0;
            for (int i = 0; i < m; i++) {
                total += Math.exp(p.logDensity(new double[] {(i + 0.5) / m})) / m;
            }
            assertEquals(1, total, 1e-4, "n = " + n);
        }
    }

    @Test
    void discreteAndCategoricalProbabilitiesSumToOne() {
        List<Distribution> ds = List.of(IntDistribution.of(1, 4), IntDistribution.log(4, 256),
                new IntDistribution(0, 100, false, 10), FloatDistribution.stepped(0, 0.5, 0.05),
                CategoricalDistribution.of("a", "b", "c"));
        for (Distribution d : ds) {
            ParamAxis axis = ParamAxis.of(d);
            ParzenEstimator p = fit(List.of(axis), 3, 12);
            TreeSet<Double> points = new TreeSet<>();
            if (axis.categorical()) {
                for (int c = 0; c < axis.choices(); c++) {
                    points.add((double) c);
                }
            } else {
                for (int i = 0; i < 100_000; i++) {
                    points.add(axis.snap((i + 0.5) / 100_000));
                }
            }
            double total = points.stream().mapToDouble(x -> Math.exp(p.logDensity(new double[] {x}))).sum();
            assertEquals(1, total, 1e-9, d.toString());
        }
    }

    @Test
    void jointDensityOverAMixedSpaceSumsToOne() {
        List<ParamAxis> axes = List.of(ParamAxis.of(FloatDistribution.of(0, 1)), ParamAxis.of(IntDistribution.of(1, 3)),
                ParamAxis.of(CategoricalDistribution.of("a", "b")));
        ParzenEstimator p = fit(axes, 8, 15);
        int m = 20_000;
        double total = 0;
        for (int i = 0; i < m; i++) {
            for (double k : new double[] {axes.get(1).snap(0.1), axes.get(1).snap(0.5), axes.get(1).snap(0.9)}) {
                for (int c = 0; c < 2; c++) {
                    total += Math.exp(p.logDensity(new double[] {(i + 0.5) / m, k, c})) / m;
                }
            }
        }
        assertEquals(1, total, 1e-4);
    }

    @Test
    void samplesFollowTheMixture() {
        ParzenEstimator p = fit(List.of(ParamAxis.of(FloatDistribution.of(0, 1))), 5, 20);
        SplittableRandom rng = new SplittableRandom(1);
        int bins = 10;
        int n = 200_000;
        int[] counts = new int[bins];
        for (int i = 0; i < n; i++) {
            counts[Math.min(bins - 1, (int) (p.sample(rng)[0] * bins))]++;
        }
        double chi2 = 0;
        for (int b = 0; b < bins; b++) {
            double prob = 0;
            for (int i = 0; i < 1000; i++) {
                prob += Math.exp(p.logDensity(new double[] {(b + (i + 0.5) / 1000) / bins})) / 1000 / bins;
            }
            chi2 += Math.pow(counts[b] - n * prob, 2) / (n * prob);
        }
        assertTrue(chi2 < 27.9, "chi2 = " + chi2 + " counts " + Arrays.toString(counts));
    }

    @Test
    void sampledValuesOfDiscreteAxesAreBinCentres() {
        ParamAxis axis = ParamAxis.of(IntDistribution.log(4, 256));
        ParzenEstimator p = fit(List.of(axis), 2, 10);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double x = p.sample(rng)[0];
            Object v = axis.value(x);
            assertEquals(axis.coordinate(v), x, 0.0);
            assertTrue((Integer) v >= 4 && (Integer) v <= 256);
        }
    }
}
