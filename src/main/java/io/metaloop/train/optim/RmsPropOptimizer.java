package io.metaloop.train.optim;

/** RMSprop with optional momentum on the scaled gradient. */
final class RmsPropOptimizer implements Optimizer {

    private final float rho;
    private final float epsilon;
    private final float momentum;
    private final float[] square;
    private final float[] buffer;

    RmsPropOptimizer(int n, double rho, double epsilon, double momentum) {
        this.rho = (float) rho;
        this.epsilon = (float) epsilon;
        this.momentum = (float) momentum;
        this.square = new float[n];
        this.buffer = momentum > 0 ? new float[n] : null;
    }

    @Override
    public void step(float[] p, float[] g, double learningRate) {
        float lr = (float) learningRate;
        float c = 1 - rho;
        for (int i = 0; i < p.length; i++) {
            float s = rho * square[i] + c * g[i] * g[i];
            square[i] = s;
            float scaled = g[i] / ((float) Math.sqrt(s) + epsilon);
            if (buffer != null) {
                scaled = buffer[i] = momentum * buffer[i] + scaled;
            }
            p[i] -= lr * scaled;
        }
    }
}
