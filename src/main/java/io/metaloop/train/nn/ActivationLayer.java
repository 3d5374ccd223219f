package io.metaloop.train.nn;

/** An element-wise activation over the whole batch buffer. */
final class ActivationLayer implements Layer {

    private final Activation function;
    private final int size;

    ActivationLayer(Activation function, int size) {
        this.function = function;
        this.size = size;
    }

    @Override
    public void forward(float[] p, float[] x, float[] y, int n, boolean training) {
        function.forward(x, y, n * size);
    }

    @Override
    public void backward(float[] p, float[] g, float[] x, float[] y, float[] dy, float[] dx, int n) {
        if (dx != null) {
            function.backward(x, y, dy, dx, n * size);
        }
    }
}
