package io.metaloop.train.optim;

/** SGD with optional heavy-ball or Nesterov momentum (velocity {@code v ← μv + g}). */
final class SgdOptimizer implements Optimizer {

    private final float momentum;
    private final boolean nesterov;
    private final float[] velocity;

    SgdOptimizer(int n, double momentum, boolean nesterov) {
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.velocity = momentum > 0 ? new float[n] : null;
    }

    @Override
    public void step(float[] p, float[] g, double learningRate) {
        float lr = (float) learningRate;
        int n = p.length;
        if (velocity == null) {
            for (int i = 0; i < n; i++) {
                p[i] -= lr * g[i];
            }
        } else if (nesterov) {
            for (int i = 0; i < n; i++) {
                float v = momentum * velocity[i] + g[i];
                velocity[i] = v;
                p[i] -= lr * (g[i] + momentum * v);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float v = momentum * velocity[i] + g[i];
                velocity[i] = v;
                p[i] -= lr * v;
            }
        }
    }
}
