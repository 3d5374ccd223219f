package io.metaloop.objective;

import io.metaloop.space.SearchSpace;
import io.metaloop.study.FrozenTrial;
import io.metaloop.study.Objective;
import io.metaloop.study.SystemAttrs;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialRejectedException;
import io.metaloop.study.TrialState;
import io.metaloop.train.data.Datasets;
import io.metaloop.train.data.TrainingData;
import io.metaloop.train.nn.LayerSpec;
import io.metaloop.train.nn.ModelFile;
import io.metaloop.train.nn.Network;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.nn.TrainResult;
import io.metaloop.train.nn.TrainedModel;
import io.metaloop.train.nn.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Objects;

/**
 * The built-in {@code network} objective: each trial's parameters become a network and training
 * options ({@link NetworkParams}), the network is trained on the training part of the data and
 * scored on the validation part. It returns the settings' metrics in order: the validation
 * accuracy, and for size/accuracy studies the parameter count too. A proposal over {@code max-params} is rejected before any
 * training ({@link TrialRejectedException}). The validation accuracy is reported every epoch, so
 * pruners can stop a trial; the parameter count ({@code params}), the network
 * ({@code network}) and the training time ({@code train_seconds}) are stored as user attributes. When a trial becomes the study's best, its model is written to
 * {@code modelDir/best.model}. The test part of the data is never touched.
 *
 * <p>The steps of the reports count epochs or training examples ({@link Fidelity}); with
 * sub-epoch reports a pruner can stop a trial within its first epoch. A trial past its time
 * limit stops within one batch ({@link ProgressReporter}).
 */
public final class NetworkObjective implements Objective {

    /** The user attribute holding the parameter count. */
    public static final String PARAMS_ATTR = "params";
    /**
     * The user attribute describing the network built, e.g. {@code 1x8x8 -> conv 8@3x3 pad 1 -> relu
     * -> dense 10}: with a layer layout, several parameter sets build the same network.
     */
    public static final String NETWORK_ATTR = "network";
    /** The user attribute holding the training time in seconds. */
    public static final String SECONDS_ATTR = "train_seconds";
    /** The user attribute holding the path of the model file, on trials that wrote it. */
    public static final String MODEL_ATTR = "model";
    /** The file name of the best trial's model inside the model directory. */
    public static final String BEST_MODEL = "best.model";

    private final NetworkSettings settings;
    private final SearchSpace space;
    private final Path baseDir;
    private final Path modelDir;
    // the best value whose model this process wrote; guarded by this
    private double written = Double.NEGATIVE_INFINITY;

    /**
     * @param settings the objective's options
     * @param space    the search space the parameters come from
     * @param baseDir  the directory a relative data path is resolved against
     * @param modelDir where the best trial's model is written, or null to keep no model
     */
    public NetworkObjective(NetworkSettings settings, SearchSpace space, Path baseDir, Path modelDir) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.space = Objects.requireNonNull(space, "space");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        this.modelDir = modelDir;
    }

    /** The objective's options. */
    public NetworkSettings settings() {
        return settings;
    }

    /** The training data, loaded once per process and shared by every trial and worker. */
    public TrainingData data() {
        return Datasets.loadShared(settings.data(), baseDir, settings.dataOptions()).training();
    }

    @Override
    public double[] evaluate(Trial trial) throws Exception {
        Map<String, Object> params = space.suggestAll(trial);
        if (trial.isFinalTraining()) {
            suggestFinalOverrides(trial, (Map<?, ?>) trial.snapshot().systemAttrs().get(SystemAttrs.FINAL), params);
        }
        TrainingData data = data();
        NetworkSpec spec = NetworkParams.network(params, data.shape(), data.classes());
        long count = spec.parameterCount();
        trial.setUserAttr(PARAMS_ATTR, count);
        trial.setUserAttr(NETWORK_ATTR, spec.describe());
        if (settings.maxParams() > 0 && count > settings.maxParams()) {
            throw new TrialRejectedException(count + " parameters > max-params " + settings.maxParams());
        }
        TrainOptions options = NetworkParams.training(params, settings);
        Network net = Network.create(spec, settings.seed());
        ProgressReporter progress = new ProgressReporter(trial, settings.fidelity(), net, data.validation(),
                data.train().size(), options.epochs());
        TrainResult result = Trainer.train(net, data.train(), data.validation(), options, progress);
        trial.setUserAttr(SECONDS_ATTR, result.seconds());
        progress.throwIfStopped();
        // the trainer leaves the weights of the best validation epoch in the network
        double value = result.best().validationAccuracy();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(result.stopped() != null ? result.stopped() : "no validation accuracy");
        }
        if (modelDir != null) {
            keepIfBest(trial, value, new TrainedModel(net, data.normalizer(), data.classNames()));
        }
        double[] values = new double[settings.metrics().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = NetworkSettings.PARAMS.equals(settings.metrics().get(i)) ? count : value;
        }
        return values;
    }

    /**
     * The {@link SystemAttrs#FINAL} attribute of a final training of {@code base}, a complete or
     * pruned trial of this objective, that fits in {@code seconds}; empty when the settings have
     * no final training, or the network would not train long enough ({@link FinalTraining#epochs}).
     */
    public Optional<Map<String, Object>> planFinal(FrozenTrial base, double seconds) {
        FinalTraining f = settings.finalTraining();
        if (f.isNone() || (base.state() != TrialState.COMPLETE && base.state() != TrialState.PRUNED)) {
            return Optional.empty();
        }
        // a mirror-averaged validation pass runs the validation images twice: one forward pass
        // more, about a third of what training on an example costs (forward and backward)
        double cost = f.mirrorAverage() ? 1 + data().validation().size() / (3.0 * data().train().size()) : 1;
        OptionalInt epochs = f.epochs(base, epochsTrained(base), seconds / cost);
        if (epochs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("of", base.number());
        plan.put("epochs", epochs.getAsInt());
        plan.put("flip", f.augment().flip());
        plan.put("shift", f.augment().shift());
        plan.put("schedule", FinalTraining.SCHEDULE);
        if (f.mirrorAverage()) {
            plan.put("mirror", true);
        }
        return Optional.of(plan);
    }

    /** The convolutions of the network of {@code t}, a trial of this objective. */
    public int convolutions(FrozenTrial t) {
        TrainingData d = data();
        return (int) NetworkParams.network(t.params(), d.shape(), d.classes()).layers().stream()
                .filter(l -> l instanceof LayerSpec.Conv).count();
    }

    /**
     * The epochs {@code t} trained: all of them when it completed, up to its last report when it
     * was stopped (a fraction of an epoch when its steps count examples).
     */
    private double epochsTrained(FrozenTrial t) {
        if (t.state() == TrialState.COMPLETE) {
            return NetworkParams.integer(t.params(), "epochs", settings.epochs());
        }
        if (t.intermediateValues().isEmpty()) {
            return 0;
        }
        int last = t.intermediateValues().lastKey();
        return settings.fidelity().resource() == Fidelity.Resource.EPOCHS ? last : last / (double) data().train().size();
    }

    /**
     * The fixed parameters of a final training planned by {@link #planFinal}: {@code base}'s, with
     * the plan's {@code epochs}, {@code augment_flip}, {@code augment_shift} and {@code schedule},
     * and {@code mirror_average} when the plan has it.
     */
    public static Map<String, Object> finalParams(FrozenTrial base, Map<String, Object> plan) {
        Map<String, Object> params = new LinkedHashMap<>(base.params());
        params.put("epochs", plan.get("epochs"));
        params.put("augment_flip", plan.get("flip"));
        params.put("augment_shift", plan.get("shift"));
        params.put("schedule", plan.get("schedule"));
        if (plan.containsKey("mirror")) {
            params.put(NetworkParams.MIRROR_AVERAGE, plan.get("mirror"));
        }
        return params;
    }

    /**
     * Puts a final training's epochs, augmentation, schedule and mirror-averaging into {@code params} as parameters
     * of the trial — one-value distributions unless the space declares them — so that the trial's
     * stored parameters, and an export of it, say how it was trained. (Plans stored before final
     * trainings had a schedule keep the base trial's.)
     */
    private static void suggestFinalOverrides(Trial trial, Map<?, ?> plan, Map<String, Object> params) {
        int epochs = ((Number) plan.get("epochs")).intValue();
        boolean flip = Boolean.TRUE.equals(plan.get("flip"));
        int shift = ((Number) plan.get("shift")).intValue();
        params.put("epochs", params.containsKey("epochs") ? params.get("epochs") : trial.suggestInt("epochs", epochs, epochs));
        params.put("augment_flip", params.containsKey("augment_flip") ? params.get("augment_flip")
                : trial.suggestCategorical("augment_flip", List.of(flip)));
        params.put("augment_shift", params.containsKey("augment_shift") ? params.get("augment_shift")
                : trial.suggestInt("augment_shift", shift, shift));
        if (plan.get("schedule") instanceof String schedule && !params.containsKey("schedule")) {
            params.put("schedule", trial.suggestCategorical("schedule", List.of(schedule)));
        }
        if (plan.get("mirror") instanceof Boolean mirror && !params.containsKey(NetworkParams.MIRROR_AVERAGE)) {
            params.put(NetworkParams.MIRROR_AVERAGE, trial.suggestCategorical(NetworkParams.MIRROR_AVERAGE, List.of(mirror)));
        }
    }

    /**
     * Writes the model when its validation accuracy beats every complete trial's so far: those
     * stored (by earlier runs or other processes) and those this process wrote but may not have
     * told yet, which is why the last written value is remembered. With several metrics, the
     * kept model is the most accurate one.
     */
    private synchronized void keepIfBest(Trial trial, double value, TrainedModel model) {
        if (value <= written) {
            return;
        }
        int accuracy = settings.metrics().indexOf(NetworkSettings.VAL_ACCURACY);
        boolean beaten = trial.study().trials().stream()
                .anyMatch(t -> t.state() == TrialState.COMPLETE && t.values().size() > accuracy && t.values().get(accuracy) >= value);
        if (beaten) {
            return;
        }
        written = value;
        Path file = modelDir.resolve(BEST_MODEL);
        try {
            ModelFile.write(model, file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the best model: " + e.getMessage(), e);
        }
        trial.setUserAttr(MODEL_ATTR, file.toString());
    }
}
