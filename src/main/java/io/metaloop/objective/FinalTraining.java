package io.metaloop.objective;

import io.metaloop.study.FrozenTrial;
import io.metaloop.train.nn.Augmentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A network objective's {@code final-training}: the last {@code share} of a study's time budget
 * trains the best networks the search found once more, as long as the time left allows and with
 * {@code augment}, instead of searching on. A search scores every proposal after a short
 * training, since most of them are weak; the winner's short training is then the study's answer
 * unless something trains it longer. Measured on Fashion-MNIST (docs/ARCHITECTURE.md), 30 epochs
 * with mirrored and shifted images lifted a ≤ 10,000-parameter network from 0.9061 to 0.9176 test
 * accuracy, more than any search setting did.
 *
 * <p>A final training always decays its learning rate along a cosine ({@value #SCHEDULE}),
 * whatever schedule the search gave the trial: a constant rate suits a short training that is
 * compared with others, but a long one ends noisier than it could without the decay.
 *
 * <p>The epochs of a final training are planned from the pace of the trial it repeats (its
 * {@code train_seconds} over the epochs it trained), so that it ends inside the time given; a
 * network too slow to train at least {@value #MIN_LENGTHENING} times as long as it did in the
 * search is not trained again.
 *
 * <p>With {@code mirror-average}, a final training's network predicts from each image and its
 * mirror image ({@link io.metaloop.train.nn.NetworkSpec#mirrorAveraged()}): its validation
 * accuracy, the test accuracy and {@code predict} all average the two. It suits final trainings
 * on mirrored images ({@code augment: {flip: true}}), whose networks learn both views.
 *
 * @param share         the part of the time budget kept for final trainings, in (0, 1); 0: none
 * @param augment       the augmentation of the final trainings
 * @param mirrorAverage whether the final trainings' networks predict mirror-averaged
 */
public record FinalTraining(double share, Augmentation augment, boolean mirrorAverage) {

    /** No final training: the search uses the whole budget. */
    public static final FinalTraining NONE = new FinalTraining(0, Augmentation.NONE);
    /**
     * How much longer an epoch is planned to take than the repeated trial's. Augmentation costs
     * next to nothing (a final training of 22 epochs on Fashion-MNIST ran 8.6 s an epoch, its base
     * trial 8.5 s without), but the pace varies, and a final training that reaches the end of the
     * budget stops before its learning rate has decayed (it still ends with its best epoch).
     */
    static final double PLAN_MARGIN = 1.1;
    /**
     * How many times its search epochs a final training must get to be worth its worker. On
     * Fashion-MNIST, augmented final trainings of 15 epochs after 12 in the search ended 0.35
     * points lower than the search's training; of 22 to 25, 0.2 points higher; of 32 to 68, 0.6 to
     * 1 point higher (docs/ARCHITECTURE.md, "The final phase").
     */
    static final int MIN_LENGTHENING = 2;
    /** The learning-rate schedule of every final training (a {@code schedule} parameter value). */
    public static final String SCHEDULE = "cosine";
    /** The most epochs a final training is given, however fast the network. */
    static final int MAX_EPOCHS = 200;
    /** The keys of the section in a study file. */
    public static final List<String> KEYS = List.of("share", "augment", "mirror-average");

    public FinalTraining {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("final-training.share must be in [0, 1), got " + share);
        }
        Objects.requireNonNull(augment, "augment");
    }

    /** Final trainings whose networks predict from each example as it is. */
    public FinalTraining(double share, Augmentation augment) {
        this(share, augment, false);
    }

    /** Whether the whole budget goes to the search. */
    public boolean isNone() {
        return share == 0;
    }

    /**
     * The epochs a final training of {@code base}, a trial that trained {@code baseEpochs} epochs
     * (a fraction for one stopped within an epoch), can have in {@code seconds}; empty when that
     * is less than {@value #MIN_LENGTHENING} times {@code baseEpochs}, or than one, or the trial's
     * training time is not known.
     */
    public OptionalInt epochs(FrozenTrial base, double baseEpochs, double seconds) {
        Object s = base.userAttrs().get(NetworkObjective.SECONDS_ATTR);
        if (!(s instanceof Number n) || !(n.doubleValue() > 0) || !(baseEpochs > 0)) {
            return OptionalInt.empty();
        }
        double perEpoch = n.doubleValue() / baseEpochs * PLAN_MARGIN;
        int epochs = (int) Math.min(MAX_EPOCHS, Math.floor(seconds / perEpoch));
        return epochs >= Math.max(1, MIN_LENGTHENING * baseEpochs) ? OptionalInt.of(epochs) : OptionalInt.empty();
    }

    /**
     * {@code final-training: {share: 0.35, augment: {flip: true, shift: 1}, mirror-average: true}};
     * {@code augment} may be left out (none), and {@code mirror-average} (false).
     */
    static FinalTraining fromMap(Object v) {
        if (v == null) {
            return NONE;
        }
        if (!(v instanceof Map<?, ?> section)) {
            throw new IllegalArgumentException("final-training: expected a mapping such as {share: 0.35, augment: {flip: true}},"
                    + " got '" + v + "'");
        }
        for (Object key : section.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("final-training: unknown key '" + key + "'; expected "
                        + String.join(", ", KEYS));
            }
        }
        Object share = section.get("share");
        if (!(share instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() < 1)) {
            throw new IllegalArgumentException("final-training.share: expected the share of the time budget, a number"
                    + " between 0 and 1 such as 0.35, got '" + share + "'");
        }
        Augmentation augment;
        try {
            augment = NetworkSettings.augment(section.get("augment"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("final-training." + e.getMessage(), e);
        }
        Object mirror = section.get("mirror-average");
        if (mirror != null && !(mirror instanceof Boolean)) {
            throw new IllegalArgumentException("final-training.mirror-average: expected true or false, got '" + mirror + "'");
        }
        return new FinalTraining(n.doubleValue(), augment, Boolean.TRUE.equals(mirror));
    }

    /** The section as in a study file. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("share", share);
        if (!augment.isNone()) {
            m.put("augment", NetworkSettings.augmentMap(augment));
        }
        if (mirrorAverage) {
            m.put("mirror-average", true);
        }
        return m;
    }
}
