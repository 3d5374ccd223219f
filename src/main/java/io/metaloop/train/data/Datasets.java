package io.metaloop.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads data sets by name or path and splits them into training, validation and test parts.
 *
 * <p>A spec is one of
 * <ul>
 *   <li>{@code digits}: the UCI optical-recognition digits shipped in the jar (1,797 grey 8×8
 *       images of 0..16, 10 classes); its test set is a fixed, stratified 20% held out with
 *       the test seed (359 examples with the defaults);</li>
 *   <li>{@code fashion-mnist}: Fashion-MNIST (1×28×28, 10 classes, 60,000 training and 10,000
 *       test images) from {@value #FASHION_MNIST_PATH}, where Debian's
 *       {@value #FASHION_MNIST_PACKAGE} package installs it;</li>
 *   <li>a path (relative to the base directory): a directory holding MNIST-named IDX files
 *       ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and
 *       optionally the {@code t10k-} pair); an IDX image file, its label file given or found by
 *       convention; or a CSV file. The format is recognised by content, gzip by magic bytes.
 *       Write {@code ./digits} for a file that happens to be named like a built-in set.</li>
 * </ul>
 * Without a test file the test set is a seeded, stratified share of the data; the validation
 * set is a seeded, stratified share of the rest unless a validation file is given. The
 * normaliser is fitted on the remaining training examples only. See {@link DataSplits} for how
 * the test set is kept away from searches.
 */
public final class Datasets {

    /** The name of the built-in digits. */
    public static final String DIGITS = "digits";
    /** The name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Where Debian's package installs Fashion-MNIST. */
    public static final String FASHION_MNIST_PATH = "/usr/share/datasets/fashion-mnist";
    /** The Debian package with the Fashion-MNIST files. */
    public static final String FASHION_MNIST_PACKAGE = "dataset-fashion-mnist";
    /** Fashion-MNIST's classes, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The names a spec may use instead of a path. */
    public static final List<String> NAMES = List.of(DIGITS, FASHION_MNIST);

    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final float DIGITS_MAX = 16f;
    private static final String[] MNIST_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    // guarded by itself; data sets are kept for the life of the process, as a study uses one or two
    private static final Map<SharedKey, DataSplits> SHARED = new HashMap<>();

    private record SharedKey(String spec, Path baseDir, DataOptions options) {
    }

    /** A data set's training examples and, when it has one, its own test file. */
    private record Source(DataFiles.Loaded train, DataFile testFile, String origin) {
    }

    private Datasets() {
    }

    /** {@link #load(String, Path, DataOptions)} with {@link DataOptions#DEFAULTS}. */
    public static DataSplits load(String spec, Path baseDir) {
        return load(spec, baseDir, DataOptions.DEFAULTS);
    }

    /**
     * Loads, splits and normalises the data set {@code spec}.
     *
     * @param spec    {@code digits}, {@code fashion-mnist}, or a path as described above
     * @param baseDir the directory relative paths are resolved against
     * @throws DataException for a missing, malformed or inconsistent file, naming it
     */
    public static DataSplits load(String spec, Path baseDir, DataOptions options) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new DataException("no data given; expected " + DIGITS + ", " + FASHION_MNIST + " or a path to IDX or CSV files");
        }
        if (s.toLowerCase(Locale.ROOT).equals(DIGITS)) {
            return split(digitsSource(), baseDir, options);
        }
        if (s.toLowerCase(Locale.ROOT).equals(FASHION_MNIST)) {
            return fashionMnist(Path.of(FASHION_MNIST_PATH), baseDir, options);
        }
        Path path = baseDir.resolve(s).normalize();
        if (Files.isDirectory(path)) {
            return split(directorySource(path, null), baseDir, options);
        }
        if (!Files.exists(path)) {
            throw new DataException(path + ": no such file or directory (data is " + DIGITS + ", " + FASHION_MNIST
                    + ", or a path to IDX or CSV files)");
        }
        DataFile file = new DataFile(path, options.labels() == null ? null : baseDir.resolve(options.labels()).normalize());
        DataFiles.Loaded train = DataFiles.read(file, options.labelColumn(), null);
        return split(new Source(train, conventionalTest(train, path), path.toString()), baseDir, options);
    }

    /**
     * As {@link #load(String, Path, DataOptions)}, but loaded once per process and shared:
     * worker threads of one study then hold one copy of the data (Fashion-MNIST's training
     * images alone are 188 MB as floats) and later trials skip the second of reading. The
     * arrays are shared, so callers must treat them as read-only (shuffle indices, not data).
     */
    public static DataSplits loadShared(String spec, Path baseDir, DataOptions options) {
        SharedKey key = new SharedKey(spec.trim(), baseDir.toAbsolutePath().normalize(), options);
        synchronized (SHARED) {
            DataSplits s = SHARED.get(key);
            if (s == null) {
                s = load(spec, baseDir, options);
                SHARED.put(key, s);
            }
            return s;
        }
    }

    /** Fashion-MNIST from {@code dir}; package-private so tests can point it at a missing directory. */
    static DataSplits fashionMnist(Path dir, Path baseDir, DataOptions options) {
        for (String name : MNIST_FILES) {
            if (find(dir, name) == null) {
                throw new DataException(FASHION_MNIST + ": " + dir.resolve(name + ".gz") + " not found; the files come"
                        + " from the Debian package " + FASHION_MNIST_PACKAGE + " (install it with: sudo apt-get install "
                        + FASHION_MNIST_PACKAGE + "), or give the directory holding the four IDX files as the data path");
            }
        }
        return split(directorySource(dir, FASHION_MNIST_CLASSES), baseDir, options);
    }

    /** All 1,797 built-in digits, raw values 0..16, shape 1×8×8, 10 classes (for tests and tools). */
    public static Dataset digits() {
        return digitsSource().train().data();
    }

    /**
     * Reads one data file as it is, without splitting or normalising, its labels coded with
     * {@code classNames} (those of the training data a model was fitted on), e.g. to predict.
     *
     * @throws DataException for a missing or malformed file, or a label not among the classes
     */
    public static Dataset read(DataFile file, String labelColumn, List<String> classNames) {
        return DataFiles.read(file, labelColumn, List.copyOf(classNames)).data();
    }

    private static Source digitsSource() {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            header.add("pixel" + i);
        }
        header.add(DataOptions.LABEL);
        DataFiles.Loaded csv = DataFiles.csv(DIGITS, FileBytes.resource(DIGITS_RESOURCE), header, DataOptions.LABEL, null);
        Dataset d = csv.data();
        Dataset images = new Dataset(DIGITS, d.features(), d.labels(), new Shape(1, 8, 8), d.classes());
        return new Source(new DataFiles.Loaded(images, csv.classNames(), null, DIGITS_MAX), null, DIGITS + " (built in)");
    }

    private static Source directorySource(Path dir, List<String> classNames) {
        Path images = find(dir, MNIST_FILES[0]);
        Path labels = find(dir, MNIST_FILES[1]);
        if (images == null || labels == null) {
            throw new DataException(dir + ": no " + MNIST_FILES[images == null ? 0 : 1] + "[.gz] in this directory;"
                    + " a data directory holds IDX files with the MNIST names (" + String.join(", ", MNIST_FILES) + ")");
        }
        Dataset train = IdxReader.read(images, labels, classNames == null ? 0 : classNames.size());
        List<String> names = classNames != null ? classNames : DataFiles.numbered(train.classes());
        Path testImages = find(dir, MNIST_FILES[2]);
        Path testLabels = find(dir, MNIST_FILES[3]);
        DataFile test = testImages == null ? null : new DataFile(testImages, testLabels);
        String origin = classNames == FASHION_MNIST_CLASSES ? FASHION_MNIST + " (" + dir + ")" : dir.toString();
        return new Source(new DataFiles.Loaded(train, names, null, IdxReader.PIXEL_MAX), test, origin);
    }

    // MNIST layout: train-images... goes with t10k-images...
    private static DataFile conventionalTest(DataFiles.Loaded train, Path path) {
        String name = path.getFileName().toString();
        if (train.featureNames() != null || !name.startsWith("train-")) {
            return null;
        }
        String rest = name.substring("train-".length());
        Path sibling = find(path.getParent() == null ? Path.of(".") : path.getParent(),
                "t10k-" + (rest.endsWith(".gz") ? rest.substring(0, rest.length() - 3) : rest));
        return sibling == null ? null : DataFile.of(sibling);
    }

    private static Path find(Path dir, String name) {
        for (String suffix : new String[] {".gz", ""}) {
            Path p = dir.resolve(name + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static DataSplits split(Source source, Path baseDir, DataOptions o) {
        DataFiles.Loaded all = source.train();
        Dataset data = all.data();
        String name = shortName(source);
        StringBuilder info = new StringBuilder(source.origin()).append(": ");

        DataFile testFile = o.test() != null ? o.test().resolve(baseDir) : source.testFile();
        Dataset pool;
        Supplier<Dataset> rawTest;
        String testInfo;
        if (testFile != null) {
            pool = data;
            DataFile t = testFile;
            // capture the form, not the training data: the lambda lives as long as the splits
            DataFiles.Form form = DataFiles.Form.of(all);
            List<String> classNames = all.classNames();
            rawTest = () -> {
                DataFiles.Loaded loaded = DataFiles.read(t, o.labelColumn(), classNames);
                form.require(loaded);
                return loaded.data();
            };
            testInfo = "test from " + t.path().getFileName();
        } else {
            StratifiedSplit s = StratifiedSplit.of(data.labels(), data.classes(), o.testFraction(), o.testSeed());
            pool = data.subset(name + " (train)", s.kept());
            Dataset held = data.subset(name + " (test)", s.held());
            rawTest = () -> held;
            testInfo = "test " + held.size() + " held out (" + percent(o.testFraction()) + ", seed " + o.testSeed()
                    + ", stratified)";
        }

        Dataset train;
        Dataset validation;
        if (o.validation() != null) {
            DataFiles.Loaded v = DataFiles.read(o.validation().resolve(baseDir), o.labelColumn(), all.classNames());
            DataFiles.Form.of(all).require(v);
            train = pool;
            validation = v.data();
            info.append("train ").append(train.size()).append(", validation ").append(validation.size())
                    .append(" from ").append(o.validation().path().getFileName());
        } else {
            StratifiedSplit s = StratifiedSplit.of(pool.labels(), pool.classes(), o.validationFraction(), o.seed());
            train = pool.subset(name + " (train)", s.kept());
            validation = pool.subset(name + " (validation)", s.held());
            info.append("train ").append(train.size()).append(", validation ").append(validation.size())
                    .append(" (").append(percent(o.validationFraction())).append(", seed ").append(o.seed())
                    .append(", stratified)");
        }

        Normalization method = o.normalization();
        if (method == Normalization.AUTO) {
            method = Float.isNaN(all.valueMax()) ? Normalization.STANDARDIZE : Normalization.SCALE;
        }
        Normalizer normalizer = Normalizer.fit(method, train, all.valueMax());
        // every part here was read or copied for this call alone, so it is normalised in place
        TrainingData training = new TrainingData(normalizer.applyInPlace(train), normalizer.applyInPlace(validation),
                all.classNames(), normalizer);
        Shape sh = data.shape();
        info.append("; ").append(testInfo).append("; ").append(sh.channels()).append('x').append(sh.height())
                .append('x').append(sh.width()).append(", ").append(data.classes()).append(" classes; normalization ")
                .append(method);
        return new DataSplits(training, rawTest, info.toString());
    }

    private static String shortName(Source s) {
        String n = s.train().data().name();
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return s.origin().startsWith(FASHION_MNIST) ? FASHION_MNIST : n.substring(slash + 1);
    }

    private static String percent(double f) {
        return Math.round(f * 1000) / 10.0 + "%";
    }
}
