package io.metaloop.objective;

import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.Activation;
import io.metaloop.train.nn.Augmentation;
import io.metaloop.train.nn.NetworkSpec;
import io.metaloop.train.nn.TrainOptions;
import io.metaloop.train.optim.OptimizerSpec;
import io.metaloop.train.optim.Schedule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documented mapping from a trial's parameters to a network and its training options (see
 * docs/study-files.md, "Network parameters"). Every parameter is optional; a missing one takes
 * its default, so a search space names only what it searches.
 *
 * <p>Layout: {@code conv_layers} blocks of conv ({@code conv_filters} or {@code conv_filters_i},
 * {@code conv_kernel}×{@code conv_kernel}, same padding) → activation → 2×2 max pooling (unless
 * {@code pool} is false); then {@code layers} hidden dense blocks of {@code units} (or
 * {@code units_i}) → activation → dropout ({@code dropout} > 0); then a dense output layer with
 * one unit per class. Training: {@code optimizer} (sgd, adam, adamw, rmsprop), {@code lr},
 * {@code momentum}, {@code nesterov}, {@code weight_decay}, {@code l1}, {@code l2},
 * {@code batch_size}, {@code epochs}, {@code schedule} (constant, cosine), {@code augment_flip}
 * (true: mirror training images at random) and {@code augment_shift} (move them by up to that many
 * pixels); see {@link Augmentation}. Prediction: {@code mirror_average} (true: average the
 * outputs on each image and its mirror image, {@link NetworkSpec#mirrorAveraged()}).
 *
 * <p>Parameters with {@code blocks} describe a layer layout instead ({@link LayoutParams}); the
 * flat layout names ({@link #FLAT_LAYOUT}) are then refused, as the two would contradict.
 */
public final class NetworkParams {

    /** The parameter that makes the network predict mirror-averaged ({@link NetworkSpec#mirrorAveraged()}). */
    public static final String MIRROR_AVERAGE = "mirror_average";
    /** The parameter names the mapping reads, besides the indexed {@code units_i} and {@code conv_filters_i}. */
    public static final List<String> NAMES = List.of("conv_layers", "conv_filters", "conv_kernel", "pool", "layers",
            "units", "activation", "dropout", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "l1", "l2",
            "batch_size", "epochs", "schedule", "augment_flip", "augment_shift", MIRROR_AVERAGE);
    /** The optimizers a trial may name. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw", "rmsprop");

    /** The names that give the layout without a {@code layout:} section, besides the indexed ones. */
    public static final List<String> FLAT_LAYOUT = List.of("conv_layers", "conv_filters", "conv_kernel", "pool",
            "layers", "units");

    private static final Pattern INDEXED = Pattern.compile("(units|conv_filters)_(\\d{1,2})");

    private NetworkParams() {
    }

    /** True when {@code name} is a parameter this mapping reads. */
    public static boolean known(String name) {
        return NAMES.contains(name) || INDEXED.matcher(name).matches() || LayoutParams.known(name);
    }

    /** True when {@code name} sets the layout the flat way ({@code layers}, {@code units_0}, …). */
    public static boolean isFlatLayout(String name) {
        return FLAT_LAYOUT.contains(name) || INDEXED.matcher(name).matches();
    }

    /**
     * The network for {@code params} on examples of shape {@code input} with {@code classes} outputs.
     *
     * @throws IllegalArgumentException for a value out of range or a layout that does not fit the input
     */
    public static NetworkSpec network(Map<String, ?> params, Shape input, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(input).mirrorAveraged(bool(params, MIRROR_AVERAGE, false));
        if (LayoutParams.isLayout(params)) {
            List<String> flat = params.keySet().stream().filter(NetworkParams::isFlatLayout).sorted().toList();
            if (!flat.isEmpty()) {
                throw new IllegalArgumentException("parameters " + String.join(", ", flat) + " cannot be combined with "
                        + "blocks: a layout gives its blocks as block_<i>_... parameters");
            }
            LayoutParams.addBlocks(b, params, input);
            return b.dense(classes).build();
        }
        Activation act = Activation.of(text(params, "activation", "relu"));
        int convLayers = integer(params, "conv_layers", params.containsKey("conv_filters") ? 1 : 0);
        int kernel = integer(params, "conv_kernel", 3);
        boolean pool = bool(params, "pool", true);
        for (int i = 0; i < convLayers; i++) {
            int filters = integer(params, "conv_filters_" + i, integer(params, "conv_filters", 8));
            b.conv(filters, kernel, kernel / 2).activation(act);
            if (pool) {
                b.maxPool(2);
            }
        }
        boolean widths = params.containsKey("units") || params.containsKey("units_0");
        int layers = integer(params, "layers", widths ? 1 : 0);
        double dropout = real(params, "dropout", 0);
        for (int i = 0; i < layers; i++) {
            int units = integer(params, "units_" + i, integer(params, "units", 32));
            b.dense(units).activation(act);
            if (dropout > 0) {
                b.dropout(dropout);
            }
        }
        return b.dense(classes).build();
    }

    /**
     * The training options for {@code params} under a network objective's {@code settings}: its
     * epochs, batch size and augmentation are the defaults that the parameters {@code epochs},
     * {@code batch_size}, {@code augment_flip} and {@code augment_shift} override.
     */
    public static TrainOptions training(Map<String, ?> params, NetworkSettings settings) {
        return training(params, settings.epochs(), settings.batchSize(), settings.seed(), settings.augment());
    }

    /** The training options for {@code params}, with defaults of no augmentation. */
    public static TrainOptions training(Map<String, ?> params, int epochs, int batchSize, long seed) {
        return training(params, epochs, batchSize, seed, Augmentation.NONE);
    }

    /**
     * The training options for {@code params}; {@code epochs}, {@code batchSize} and
     * {@code augment} are the defaults, which the parameters override.
     */
    public static TrainOptions training(Map<String, ?> params, int epochs, int batchSize, long seed,
                                        Augmentation augment) {
        String name = text(params, "optimizer", "adam").toLowerCase(Locale.ROOT);
        double lr = real(params, "lr", "sgd".equals(name) ? 0.01 : 1e-3);
        double weightDecay = real(params, "weight_decay", 0);
        OptimizerSpec optimizer = switch (name) {
            case "sgd" -> {
                double momentum = real(params, "momentum", 0);
                yield new OptimizerSpec.Sgd(lr, momentum, bool(params, "nesterov", false) && momentum > 0);
            }
            case "adam" -> OptimizerSpec.adam(lr);
            case "adamw" -> OptimizerSpec.adamW(lr, weightDecay);
            case "rmsprop" -> OptimizerSpec.rmsProp(lr);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of "
                    + String.join(", ", OPTIMIZERS));
        };
        // AdamW decays the weights itself; for the others weight_decay is the classic L2 penalty
        double l2 = real(params, "l2", 0) + ("adamw".equals(name) ? 0 : weightDecay);
        String schedule = text(params, "schedule", "constant");
        Schedule s = switch (schedule) {
            case "constant" -> Schedule.constant();
            case "cosine" -> Schedule.cosine(0);
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule + "'; expected constant or cosine");
        };
        Augmentation augmentation = new Augmentation(bool(params, "augment_flip", augment.flip()),
                integer(params, "augment_shift", augment.shift()));
        return TrainOptions.builder().optimizer(optimizer).schedule(s).augmentation(augmentation)
                .epochs(integer(params, "epochs", epochs)).batchSize(integer(params, "batch_size", batchSize))
                .l1(real(params, "l1", 0)).l2(l2).seed(seed).build();
    }

    static String text(Map<String, ?> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    static int integer(Map<String, ?> p, String key, int dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("parameter " + key + " must be a whole number, got " + v);
    }

    static double real(Map<String, ?> p, String key, double dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter " + key + " must be a number, got " + v);
    }

    private static boolean bool(Map<String, ?> p, String key, boolean dflt) {
        Object v = p.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter " + key + " must be true or false, got " + v);
    }
}
