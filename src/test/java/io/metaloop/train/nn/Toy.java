package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;

import java.util.SplittableRandom;

/** Small generated data sets for training tests. */
final class Toy {

    private Toy() {
    }

    /** Three Gaussian blobs in {@code d} dimensions, well separated. */
    static Dataset blobs(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int j = 0; j < d; j++) {
                double centre = j % 3 == y[i] ? 2 : 0;
                x[i * d + j] = (float) (centre + gaussian(r) * 0.6);
            }
        }
        return new Dataset("blobs", x, y, Shape.flat(d), 3);
    }

    /** 1×8×8 images with one bright 2×2 square; the label is the quadrant it is in. */
    static Dataset quadrants(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int row = r.nextInt(7);
            int col = r.nextInt(7);
            y[i] = (row >= 4 ? 2 : 0) + (col >= 4 ? 1 : 0);
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = (float) (r.nextDouble() * 0.2);
            }
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    x[i * 64 + (row + dy) * 8 + col + dx] = 1;
                }
            }
            if (row == 3 || col == 3) { // straddling the middle: ambiguous, move it
                i--;
            }
        }
        return new Dataset("quadrants", x, y, new Shape(1, 8, 8), 4);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
