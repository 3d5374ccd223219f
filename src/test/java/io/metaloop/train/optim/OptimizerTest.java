package io.metaloop.train.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizers on problems with known optima. */
class OptimizerTest {

    // f(x) = ½ Σ a_i (x_i − c_i)², minimum at c
    private static final float[] A = {1, 3, 10};
    private static final float[] C = {1, -2, 0.5f};

    private static void quadraticGradient(float[] x, float[] g) {
        for (int i = 0; i < x.length; i++) {
            g[i] = A[i] * (x[i] - C[i]);
        }
    }

    private static float[] run(OptimizerSpec spec, int steps) {
        Optimizer opt = spec.create(3);
        float[] x = new float[3];
        float[] g = new float[3];
        for (int s = 0; s < steps; s++) {
            quadraticGradient(x, g);
            opt.step(x, g, spec.learningRate());
        }
        return x;
    }

    @Test
    void sgdVariantsReachTheMinimumOfAQuadratic() {
        assertArrayEquals(C, run(OptimizerSpec.sgd(0.05), 1000), 1e-4f);
        assertArrayEquals(C, run(new OptimizerSpec.Sgd(0.01, 0.9, false), 1000), 1e-4f);
        assertArrayEquals(C, run(new OptimizerSpec.Sgd(0.01, 0.9, true), 1000), 1e-4f);
    }

    @Test
    void nesterovDiffersFromHeavyBall() {
        float[] heavy = run(new OptimizerSpec.Sgd(0.01, 0.9, false), 5);
        float[] nesterov = run(new OptimizerSpec.Sgd(0.01, 0.9, true), 5);
        assertTrue(heavy[2] != nesterov[2]);
        // first step of both: v = g, heavy ball moves by lr·g, Nesterov by lr·(g + μg)
        float[] one = run(new OptimizerSpec.Sgd(0.01, 0.9, true), 1);
        assertEquals(0.01f * 1.9f * 10 * 0.5f, one[2], 1e-6f);
    }

    @Test
    void adaptiveMethodsReachTheMinimumOfAQuadratic() {
        assertArrayEquals(C, run(OptimizerSpec.adam(0.01), 4000), 2e-3f);
        assertArrayEquals(C, run(OptimizerSpec.rmsProp(0.003), 4000), 2e-2f);
        assertArrayEquals(C, run(new OptimizerSpec.RmsProp(0.001, 0.9, 1e-8, 0.9), 4000), 2e-2f);
    }

    @Test
    void adamFirstStepMovesEveryParameterByTheLearningRate() {
        // with bias correction, the first step is lr · g/|g| whatever the gradient's scale
        float[] x = run(OptimizerSpec.adam(0.1), 1);
        assertArrayEquals(new float[]{0.1f, -0.1f, 0.1f}, x, 1e-5f);
    }

    @Test
    void adamWDecaysWeightsOutsideTheMoments() {
        Optimizer adamW = OptimizerSpec.adamW(0.1, 0.5).create(2);
        float[] x = {2, -4};
        adamW.step(x, new float[2], 0.1); // zero gradient: only the decay acts
        assertArrayEquals(new float[]{2 * 0.95f, -4 * 0.95f}, x, 1e-6f);
        Optimizer adam = OptimizerSpec.adam(0.1).create(2);
        float[] y = {2, -4};
        adam.step(y, new float[2], 0.1);
        assertArrayEquals(new float[]{2, -4}, y);
    }

    @Test
    void rpropFollowsTheSignRules() {
        Optimizer rprop = new OptimizerSpec.Rprop(0.1, 1.5, 0.5, 1e-3, 1).create(1);
        float[] x = {0};
        rprop.step(x, new float[]{2}, 0);      // first step: initial size, against the gradient
        assertEquals(-0.1f, x[0], 1e-7f);
        rprop.step(x, new float[]{5}, 0);      // same sign: step grows to 0.15, magnitude ignored
        assertEquals(-0.25f, x[0], 1e-7f);
        rprop.step(x, new float[]{-1}, 0);     // sign change: step shrinks to 0.075, no move (iRprop−)
        assertEquals(-0.25f, x[0], 1e-7f);
        rprop.step(x, new float[]{-1}, 0);     // after a change the step neither grows nor shrinks
        assertEquals(-0.175f, x[0], 1e-6f);
        rprop.step(x, new float[]{-1}, 0);     // then grows again: 0.1125
        assertEquals(-0.0625f, x[0], 1e-6f);
        rprop.step(x, new float[]{0}, 0);      // zero gradient: no move
        assertEquals(-0.0625f, x[0], 1e-6f);
    }

    @Test
    void rpropStepsStayWithinTheirBounds() {
        Optimizer rprop = new OptimizerSpec.Rprop(0.1, 2, 0.5, 0.05, 0.3).create(1);
        float[] x = {0};
        for (int i = 0; i < 5; i++) {
            rprop.step(x, new float[]{-1}, 0);
        }
        assertEquals(0.1f + 0.2f + 0.3f + 0.3f + 0.3f, x[0], 1e-6f);
    }

    @Test
    void rpropReachesTheMinimumOfAQuadratic() {
        assertArrayEquals(C, run(OptimizerSpec.rprop(), 300), 1e-4f);
    }

    @Test
    void lbfgsSolvesAnIllConditionedQuadraticInFewIterations() {
        int n = 10;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(1000, i / (n - 1.0)); // condition number 1000
        }
        int[] evaluations = {0};
        GradientFunction f = (x, g) -> {
            evaluations[0]++;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - (i + 1);
                v += 0.5 * a[i] * d * d;
                g[i] = (float) (a[i] * d);
            }
            return v;
        };
        float[] x = new float[n];
        // Gradient descent needs ~ condition · ln(1/tolerance) ≈ 20,000 steps for this.
        double value = new OptimizerSpec.Lbfgs(10, 30).minimizer(n).minimize(x, f, 80);
        assertTrue(value < 1e-6, "f = " + value);
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, x[i], 1e-3);
        }
        assertTrue(evaluations[0] < 150, evaluations[0] + " evaluations");
    }

    @Test
    void lbfgsFindsTheLogisticRegressionOptimum() {
        LogisticProblem p = LogisticProblem.generate(200, 3, 11);
        double[] newton = p.newton();
        float[] w = new float[4];
        new OptimizerSpec.Lbfgs(8, 30).minimizer(4).minimize(w, p::lossAndGradient, 50);
        for (int i = 0; i < 4; i++) {
            assertEquals(newton[i], w[i], 1e-3, "weight " + i);
        }
    }

    @Test
    void lbfgsIsNotAStepRule() {
        assertThrows(UnsupportedOperationException.class, () -> OptimizerSpec.lbfgs().create(3));
        assertTrue(OptimizerSpec.lbfgs().fullBatch());
    }

    @Test
    void invalidHyperparametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Sgd(0.1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Adam(0.1, 1, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Rprop(0.1, 0.9, 0.5, 1e-6, 1));
    }

    @Test
    void schedules() {
        assertEquals(1, Schedule.constant().factor(7, 10));
        Schedule cosine = Schedule.cosine(0);
        assertEquals(1, cosine.factor(0, 5), 1e-12);
        assertEquals(0.5, cosine.factor(2.5, 5), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 4.9 / 5)), cosine.factor(4.9, 5), 1e-12);
        assertEquals(0, cosine.factor(5, 5), 1e-12);
        assertTrue(cosine.factor(4, 5) > 0.09, "the last epoch still learns");
        assertEquals(0.1, Schedule.cosine(0.1).factor(5, 5), 1e-12);
        Schedule step = Schedule.step(2, 0.5);
        assertEquals(1, step.factor(1, 10));
        assertEquals(0.5, step.factor(2, 10));
        assertEquals(0.25, step.factor(5, 10));
        assertEquals(0.5, step.factor(3.99, 10));
    }
}
