package io.metaloop.train.nn;

import io.metaloop.train.data.Dataset;
import io.metaloop.train.data.Shape;
import io.metaloop.train.optim.OptimizerSpec;
import io.metaloop.train.optim.Schedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final Dataset TRAIN = Toy.blobs(600, 6, 1);
    private static final Dataset VALID = Toy.blobs(300, 6, 2);

    private static NetworkSpec mlp() {
        return NetworkSpec.builder(Shape.flat(6)).dense(8).relu().dense(3).build();
    }

    private static double trainAndScore(OptimizerSpec optimizer, int batch, int epochs) {
        Network net = Network.create(mlp(), 3);
        TrainOptions options = TrainOptions.builder().optimizer(optimizer).batchSize(batch).epochs(epochs).seed(4).build();
        Trainer.train(net, TRAIN, options);
        return net.evaluate(VALID).accuracy();
    }

    @Test
    void everyOptimizerLearnsSeparableBlobs() {
        assertTrue(trainAndScore(OptimizerSpec.adam(0.01), 32, 10) > 0.95);
        assertTrue(trainAndScore(OptimizerSpec.adamW(0.01, 0.01), 32, 10) > 0.95);
        assertTrue(trainAndScore(new OptimizerSpec.Sgd(0.05, 0.9, true), 32, 10) > 0.95);
        assertTrue(trainAndScore(OptimizerSpec.rmsProp(0.005), 32, 10) > 0.95);
        assertTrue(trainAndScore(OptimizerSpec.rprop(), 0, 5) > 0.95);       // full batch, 10 steps an epoch
        assertTrue(trainAndScore(OptimizerSpec.lbfgs(), 0, 3) > 0.95);       // full batch
        assertTrue(trainAndScore(OptimizerSpec.rprop(), 200, 20) > 0.95);    // large batches
    }

    @Test
    void convolutionalNetworkLearnsQuadrants() {
        NetworkSpec spec = NetworkSpec.builder(new Shape(1, 8, 8)).conv(4, 3, 1).relu().maxPool(2)
                .conv(4, 3, 1).relu().avgPool(2).dense(4).build();
        Network net = Network.create(spec, 1);
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).batchSize(16).epochs(8).build();
        Trainer.train(net, Toy.quadrants(800, 5), options);
        assertTrue(net.evaluate(Toy.quadrants(200, 6)).accuracy() > 0.9);
    }

    @Test
    void oneSeedGivesBitwiseIdenticalRuns() {
        NetworkSpec spec = NetworkSpec.builder(Shape.flat(6)).dense(10).relu().dropout(0.3).dense(3).build();
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).batchSize(16).epochs(3)
                .l2(1e-3).seed(9).build();
        Network a = Network.create(spec, 5);
        Network b = Network.create(spec, 5);
        assertArrayEquals(a.parameters(), b.parameters());
        TrainResult ra = Trainer.train(a, TRAIN, VALID, options, EpochListener.NONE);
        TrainResult rb = Trainer.train(b, TRAIN, VALID, options, EpochListener.NONE);
        assertArrayEquals(a.parameters(), b.parameters());
        for (int i = 0; i < ra.epochs().size(); i++) {
            assertEquals(ra.epochs().get(i).trainLoss(), rb.epochs().get(i).trainLoss());
            assertEquals(ra.epochs().get(i).validationAccuracy(), rb.epochs().get(i).validationAccuracy());
        }
        Network c = Network.create(spec, 5);
        Trainer.train(c, TRAIN, VALID, TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).batchSize(16)
                .epochs(3).l2(1e-3).seed(10).build(), EpochListener.NONE);
        assertFalse(java.util.Arrays.equals(a.parameters(), c.parameters()), "another seed shuffles differently");
        assertFalse(java.util.Arrays.equals(Network.create(spec, 5).parameters(), Network.create(spec, 6).parameters()));
    }

    @Test
    void listenerSeesEveryEpochAndCanStop() {
        List<EpochReport> seen = new ArrayList<>();
        Network net = Network.create(mlp(), 3);
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).epochs(10).batchSize(32).build();
        TrainResult result = Trainer.train(net, TRAIN, VALID, options, r -> {
            seen.add(r);
            return r.epoch() < 3;
        });
        assertEquals(3, seen.size());
        assertEquals(List.of(1, 2, 3), seen.stream().map(EpochReport::epoch).toList());
        assertEquals(3, result.epochs().size());
        assertEquals("stopped by the caller after epoch 3", result.stopped());
        assertTrue(seen.get(2).validationAccuracy() > 0.9);
        assertTrue(seen.get(2).trainLoss() < seen.get(0).trainLoss());
    }

    @Test
    void listenerSeesEveryStepAndCanStopMidEpoch() {
        List<Long> steps = new ArrayList<>();
        Network net = Network.create(mlp(), 3);
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).epochs(3).batchSize(32).build();
        EpochListener listener = new EpochListener() {
            @Override
            public boolean onEpoch(EpochReport report) {
                return true;
            }

            @Override
            public boolean onStep(long examplesSeen) {
                steps.add(examplesSeen);
                return examplesSeen < 25 * 32 + 8; // the first epoch is 18 batches of 32 and one of 24
            }
        };
        TrainResult result = Trainer.train(net, TRAIN, VALID, options, listener);
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 18; i++) {
            expected.add(32L * i);
        }
        expected.add(600L);
        for (int i = 1; i <= 7; i++) {
            expected.add(600L + 32L * i);
        }
        assertEquals(expected, steps, "one call per batch, counting examples over epochs; none after the stop");
        assertEquals(1, result.epochs().size(), "the interrupted second epoch has no report");
        assertEquals("stopped by the caller after 824 examples, during epoch 2", result.stopped());
        assertEquals(1, result.bestEpoch());
        assertTrue(result.seconds() >= result.last().seconds());
    }

    @Test
    void aRunStoppedInItsFirstEpochHasNoEpochReport() {
        Network net = Network.create(mlp(), 3);
        TrainOptions options = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).epochs(2).batchSize(0)
                .fullBatchSteps(5).build();
        int[] calls = {0};
        TrainResult result = Trainer.train(net, TRAIN, VALID, options, new EpochListener() {
            @Override
            public boolean onEpoch(EpochReport report) {
                throw new AssertionError("no epoch ends");
            }

            @Override
            public boolean onStep(long examplesSeen) {
                calls[0]++;
                assertEquals(600L * calls[0], examplesSeen, "a full-batch step trains on every example");
                return calls[0] < 2;
            }
        });
        assertEquals(2, calls[0]);
        assertTrue(result.epochs().isEmpty());
        assertEquals(0, result.bestEpoch());
        assertTrue(result.seconds() > 0);
        assertThrows(IllegalStateException.class, result::best);
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        Network net = Network.create(mlp(), 3);
        // A rate so high that training degrades after a good start.
        TrainOptions options = TrainOptions.builder().optimizer(new OptimizerSpec.Sgd(3, 0, false)).epochs(40)
                .batchSize(8).patience(3).build();
        TrainResult result = Trainer.train(net, TRAIN, VALID, options, EpochListener.NONE);
        assertTrue(result.epochs().size() < 40);
        assertTrue(result.stopped() != null, "stopped early");
        double best = result.epochs().stream().mapToDouble(EpochReport::validationAccuracy).max().orElseThrow();
        assertEquals(best, result.best().validationAccuracy());
        assertEquals(best, net.evaluate(VALID).accuracy(), "the network holds the best epoch's weights");
    }

    @Test
    void runsAllEpochsWithoutPatience() {
        Network net = Network.create(mlp(), 3);
        TrainResult result = Trainer.train(net, TRAIN, VALID, TrainOptions.builder().epochs(4)
                .schedule(Schedule.cosine(0.1)).build(), EpochListener.NONE);
        assertEquals(4, result.epochs().size());
        assertNull(result.stopped());
    }

    @Test
    void theScheduleSetsTheRateAtEveryStep() {
        // 12 copies of one example: every batch has the same gradient at the same weights, so each
        // step can be replayed by hand as p ← p − lr·g with the rate the schedule gives its place.
        Dataset one = Toy.blobs(1, 6, 7);
        int[] copies = new int[12];
        Dataset data = one.subset("copies", copies);
        NetworkSpec spec = mlp();
        Network net = Network.create(spec, 3);
        List<float[]> after = new ArrayList<>();
        after.add(net.parameters());
        Schedule cosine = Schedule.cosine(0);
        Trainer.train(net, data, null, TrainOptions.builder().optimizer(OptimizerSpec.sgd(0.5)).batchSize(4).epochs(2)
                .schedule(cosine).build(), new EpochListener() {
                    @Override
                    public boolean onEpoch(EpochReport report) {
                        return true;
                    }

                    @Override
                    public boolean onStep(long seen) {
                        after.add(net.parameters());
                        return true;
                    }
                });
        assertEquals(7, after.size(), "3 steps an epoch, 2 epochs");
        for (int k = 0; k < 6; k++) {
            Network at = Network.of(spec, after.get(k), 3);
            at.zeroGradients();
            at.gather(data, copies, 0, 4);
            at.backward(4, true, 1f / 4, false);
            double lr = 0.5 * cosine.factor(k / 3 + (k % 3) / 3.0, 2);
            float[] expected = after.get(k).clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= (float) lr * at.grads()[i];
            }
            assertArrayEquals(expected, after.get(k + 1), 1e-6f, "step " + k + " at rate " + lr);
        }
        // the last step of all still learns: a per-epoch cosine would have used a rate of 0 there
        assertTrue(0.5 * cosine.factor(5 / 3.0, 2) > 0.03);
    }

    @Test
    void penaltiesShrinkWeights() {
        Network plain = Network.create(mlp(), 3);
        Network l2 = Network.create(mlp(), 3);
        Network l1 = Network.create(mlp(), 3);
        TrainOptions.Builder b = TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01)).epochs(5).batchSize(32);
        Trainer.train(plain, TRAIN, b.build());
        Trainer.train(l2, TRAIN, b.l2(0.1).build());
        Trainer.train(l1, TRAIN, b.l2(0).l1(0.02).build());
        assertTrue(norm(l2) < 0.8 * norm(plain), norm(l2) + " vs " + norm(plain));
        assertTrue(norm(l1) < 0.8 * norm(plain), norm(l1) + " vs " + norm(plain));
    }

    @Test
    void aBatchLargerThanTheDataIsOneStepPerEpoch() {
        // one Adam step moves every weight by at most the learning rate
        Network net = Network.create(mlp(), 3);
        float[] before = net.parameters();
        Trainer.train(net, Toy.blobs(40, 6, 1), TrainOptions.builder().optimizer(OptimizerSpec.adam(0.01))
                .batchSize(1000).epochs(1).build());
        float[] after = net.parameters();
        for (int i = 0; i < before.length; i++) {
            assertTrue(Math.abs(after[i] - before[i]) <= 0.01 + 1e-6, "parameter " + i);
        }
    }

    @Test
    void mismatchedDataIsRejected() {
        Network net = Network.create(mlp(), 3);
        Dataset wide = Toy.blobs(10, 7, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(net, wide, TrainOptions.builder().build()));
        assertEquals("blobs has examples of shape 1x1x7 but the network expects 1x1x6", e.getMessage());
    }

    private static double norm(Network net) {
        double s = 0;
        float[] p = net.parameters();
        boolean[] mask = net.penalised();
        for (int i = 0; i < p.length; i++) {
            if (mask[i]) {
                s += p[i] * p[i];
            }
        }
        return Math.sqrt(s);
    }
}
