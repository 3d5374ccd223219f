package io.metaloop.train.optim;

/** Adam, and AdamW when {@code weightDecay > 0} (decay applied to the weights, outside the moments). */
final class AdamOptimizer implements Optimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final float[] m;
    private final float[] v;
    private int t;

    AdamOptimizer(int n, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.weightDecay = (float) weightDecay;
        this.m = new float[n];
        this.v = new float[n];
    }

    @Override
    public void step(float[] p, float[] g, double learningRate) {
        t++;
        // Bias corrections folded into two scalars so the loop is one pass of plain arithmetic.
        float stepSize = (float) (learningRate / (1 - Math.pow(beta1, t)));
        float rootCorrection = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        float decay = (float) (1 - learningRate * weightDecay);
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        float eps = epsilon;
        int n = p.length;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] * decay - stepSize * mi / ((float) Math.sqrt(vi) * rootCorrection + eps);
        }
    }
}
