package io.metaloop.train.nn;

/** A reshape: activations are already flat, so values pass through unchanged. */
final class FlattenLayer implements Layer {

    private final int size;

    FlattenLayer(int size) {
        this.size = size;
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        System.arraycopy(x, 0, y, 0, n * size);
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        if (dx != null) {
            System.arraycopy(dy, 0, dx, 0, n * size);
        }
    }
}
