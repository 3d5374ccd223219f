package io.metaloop.train.nn;

import io.metaloop.train.data.Normalization;
import io.metaloop.train.data.Normalizer;
import io.metaloop.train.data.Shape;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Model files: a network's spec and weights in one small binary file. Layout (big-endian):
 * the magic {@code "MLNN"}, a format version, the input shape, loss and init names, the layers
 * (a kind name and its integer/double fields), then the parameter count and the float32
 * parameters. The spec is stored rather than a layer-by-layer weight dump, so loading rebuilds
 * the same network and gives identical predictions. Version 2 appends what predicting on raw
 * data needs ({@link TrainedModel}): a flag and the normaliser (method, offsets, factors), then
 * the class names. Version 3 adds, after the layers, whether the network predicts mirror-averaged
 * ({@link NetworkSpec#mirrorAveraged()}). Version 1 and 2 files still load, predicting from the
 * images alone; version 1 with no normaliser and no class names.
 */
public final class ModelFile {

    /** The current format version; files of a newer version are refused. */
    public static final int VERSION = 3;

    private static final int MAGIC = 0x4D4C4E4E; // "MLNN"

    private ModelFile() {
    }

    /** Writes {@code network} to {@code file}, without normaliser or class names. */
    public static void write(Network network, Path file) throws IOException {
        write(new TrainedModel(network, null, List.of()), file);
    }

    /**
     * Writes {@code model} to {@code file} atomically: a temporary file in the same directory is
     * renamed into place, so a reader (or a crash) never sees half a model.
     */
    public static void write(TrainedModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".model", ".tmp");
        try {
            writeTo(model, tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeTo(TrainedModel model, Path file) throws IOException {
        Network network = model.network();
        NetworkSpec spec = network.spec();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            Shape in = spec.input();
            out.writeInt(in.channels());
            out.writeInt(in.height());
            out.writeInt(in.width());
            out.writeUTF(spec.loss().id());
            out.writeUTF(spec.init().id());
            out.writeInt(spec.layers().size());
            for (LayerSpec layer : spec.layers()) {
                writeLayer(out, layer);
            }
            out.writeBoolean(spec.mirrorAveraged());
            float[] p = network.parameters();
            out.writeInt(p.length);
            for (float v : p) {
                out.writeFloat(v);
            }
            Normalizer norm = model.normalizer();
            out.writeBoolean(norm != null);
            if (norm != null) {
                out.writeUTF(norm.method().name());
                out.writeInt(norm.features());
                for (float v : norm.offsets()) {
                    out.writeFloat(v);
                }
                for (float v : norm.factors()) {
                    out.writeFloat(v);
                }
            }
            out.writeInt(model.classNames().size());
            for (String c : model.classNames()) {
                out.writeUTF(c);
            }
        }
    }

    /** Reads the network of a model file; dropout (if any) draws from seed 0. */
    public static Network read(Path file) throws IOException {
        return readModel(file).network();
    }

    /** Reads a model file with its normaliser and class names (none for a version 1 file). */
    public static TrainedModel readModel(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a metaloop model file (wrong magic number)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IOException(file + ": model format version " + version + " is not supported (this metaloop reads 1.."
                        + VERSION + ")");
            }
            Shape input = new Shape(in.readInt(), in.readInt(), in.readInt());
            Loss loss = Loss.of(in.readUTF());
            Init init = Init.of(in.readUTF());
            int count = in.readInt();
            List<LayerSpec> layers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                layers.add(readLayer(in, file));
            }
            NetworkSpec spec = new NetworkSpec(input, layers, loss, init, version >= 3 && in.readBoolean());
            int n = in.readInt();
            if (n != spec.parameterCount()) {
                throw new IOException(file + ": holds " + n + " parameters but its network " + spec.describe() + " has "
                        + spec.parameterCount());
            }
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = in.readFloat();
            }
            Network network = Network.of(spec, p, 0);
            if (version < 2) {
                return new TrainedModel(network, null, List.of());
            }
            Normalizer norm = null;
            if (in.readBoolean()) {
                Normalization method = Normalization.valueOf(in.readUTF());
                int width = in.readInt();
                float[] offsets = new float[width];
                float[] factors = new float[width];
                for (int i = 0; i < width; i++) {
                    offsets[i] = in.readFloat();
                }
                for (int i = 0; i < width; i++) {
                    factors[i] = in.readFloat();
                }
                norm = new Normalizer(method, offsets, factors);
            }
            int classes = in.readInt();
            List<String> names = new ArrayList<>(classes);
            for (int i = 0; i < classes; i++) {
                names.add(in.readUTF());
            }
            return new TrainedModel(network, norm, names);
        } catch (EOFException e) {
            throw new IOException(file + ": model file is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void writeLayer(DataOutputStream out, LayerSpec layer) throws IOException {
        if (layer instanceof LayerSpec.Dense d) {
            out.writeUTF("dense");
            out.writeInt(d.units());
        } else if (layer instanceof LayerSpec.Conv c) {
            out.writeUTF("conv");
            out.writeInt(c.filters());
            out.writeInt(c.kernel());
            out.writeInt(c.stride());
            out.writeInt(c.padding());
        } else if (layer instanceof LayerSpec.Pool p) {
            out.writeUTF(p.max() ? "maxpool" : "avgpool");
            out.writeInt(p.size());
            out.writeInt(p.stride());
        } else if (layer instanceof LayerSpec.Dropout d) {
            out.writeUTF("dropout");
            out.writeDouble(d.rate());
        } else if (layer instanceof LayerSpec.Act a) {
            out.writeUTF("activation");
            out.writeUTF(a.function().id());
        } else if (layer instanceof LayerSpec.BatchNorm) {
            out.writeUTF("batchnorm");
        } else {
            out.writeUTF("flatten");
        }
    }

    private static LayerSpec readLayer(DataInputStream in, Path file) throws IOException {
        String kind = in.readUTF();
        return switch (kind) {
            case "dense" -> new LayerSpec.Dense(in.readInt());
            case "conv" -> new LayerSpec.Conv(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            case "maxpool" -> new LayerSpec.Pool(true, in.readInt(), in.readInt());
            case "avgpool" -> new LayerSpec.Pool(false, in.readInt(), in.readInt());
            case "dropout" -> new LayerSpec.Dropout(in.readDouble());
            case "activation" -> new LayerSpec.Act(Activation.of(in.readUTF()));
            case "flatten" -> new LayerSpec.Flatten();
            case "batchnorm" -> new LayerSpec.BatchNorm();
            default -> throw new IOException(file + ": unknown layer kind '" + kind + "'");
        };
    }
}
