package io.metaloop.train.nn;

import java.util.SplittableRandom;

/** Inverted dropout with a mask drawn from the network's seeded generator, so runs repeat exactly. */
final class DropoutLayer implements Layer {

    private final double rate;
    private final int size;
    private final SplittableRandom random;
    private float[] mask = new float[0];

    DropoutLayer(double rate, int size, SplittableRandom random) {
        this.rate = rate;
        this.size = size;
        this.random = random;
    }

    @Override
    public void reserve(int n) {
        if (mask.length < n * size) {
            mask = new float[n * size];
        }
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        int m = n * size;
        if (!training || rate == 0) {
            System.arraycopy(x, 0, y, 0, m);
            java.util.Arrays.fill(mask, 0, m, 1f);
            return;
        }
        float keep = (float) (1 / (1 - rate));
        for (int i = 0; i < m; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        for (int i = 0; i < m; i++) {
            y[i] = x[i] * mask[i];
        }
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        if (dx != null) {
            for (int i = 0, m = n * size; i < m; i++) {
                dx[i] = dy[i] * mask[i];
            }
        }
    }
}
