package io.metaloop.train.optim;

import java.util.Arrays;

/**
 * iRprop−: only the sign of the gradient is used. After a sign change the step shrinks and the
 * remembered gradient is zeroed, so the next step neither grows nor shrinks (the "−" variant
 * does not undo the previous step). The learning rate passed to {@link #step} is ignored.
 */
final class RpropOptimizer implements Optimizer {

    private final float etaPlus;
    private final float etaMinus;
    private final float minStep;
    private final float maxStep;
    private final float[] stepSize;
    private final float[] previous;

    RpropOptimizer(int n, OptimizerSpec.Rprop spec) {
        this.etaPlus = (float) spec.etaPlus();
        this.etaMinus = (float) spec.etaMinus();
        this.minStep = (float) spec.minStep();
        this.maxStep = (float) spec.maxStep();
        this.stepSize = new float[n];
        this.previous = new float[n];
        Arrays.fill(stepSize, (float) spec.initialStep());
    }

    @Override
    public void step(float[] p, float[] g, double learningRate) {
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            float product = gi * previous[i];
            if (product > 0) {
                stepSize[i] = Math.min(stepSize[i] * etaPlus, maxStep);
            } else if (product < 0) {
                stepSize[i] = Math.max(stepSize[i] * etaMinus, minStep);
                gi = 0;
            }
            p[i] -= Math.signum(gi) * stepSize[i];
            previous[i] = gi;
        }
    }

    /** The current step size of parameter {@code i} (for tests). */
    float stepSize(int i) {
        return stepSize[i];
    }
}
