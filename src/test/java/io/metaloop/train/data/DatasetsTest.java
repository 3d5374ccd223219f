package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    /** 200 rows of 2 features, 2 classes; feature a is about 10 x row, so parts differ in mean. */
    private Path table() throws IOException {
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 200; i++) {
            b.append(String.format(Locale.ROOT, "%d,%.2f,%s%n", i * 10, Math.sin(i), i % 3 == 0 ? "yes" : "no"));
        }
        return Files.writeString(dir.resolve("t.csv"), b);
    }

    @Test
    void csvSplitIsSeededAndDeterministic() throws IOException {
        Path f = table();
        DataSplits a = Datasets.load("t.csv", dir);
        DataSplits b = Datasets.load(f.toString(), Path.of("elsewhere"));
        DataSplits c = Datasets.load("t.csv", dir, DataOptions.DEFAULTS.withSeed(5));
        assertEquals(List.of("no", "yes"), a.classNames());
        assertEquals(40, a.test().size());
        assertEquals(32, a.training().validation().size());
        assertEquals(128, a.training().train().size());
        assertArrayEquals(a.training().train().features(), b.training().train().features());
        assertFalse(java.util.Arrays.equals(a.training().validation().features(), c.training().validation().features()));
        DataOptions raw = DataOptions.DEFAULTS.withNormalization(Normalization.NONE);
        assertArrayEquals(Datasets.load("t.csv", dir, raw).test().features(),
                Datasets.load("t.csv", dir, raw.withSeed(5)).test().features(), "the test set stays put");
        assertEquals(Normalization.STANDARDIZE, a.training().normalizer().method(), "CSV is standardised by default");
    }

    @Test
    void normalisationStatisticsComeFromTheTrainingPartOnly() throws IOException {
        table();
        DataOptions raw = DataOptions.DEFAULTS.withNormalization(Normalization.NONE);
        Dataset rawTrain = Datasets.load("t.csv", dir, raw).training().train();
        Dataset rawValidation = Datasets.load("t.csv", dir, raw).training().validation();
        DataSplits s = Datasets.load("t.csv", dir, raw.withNormalization(Normalization.STANDARDIZE));

        float[] mean = mean(rawTrain);
        assertArrayEquals(mean, s.training().normalizer().offsets(), 1e-3f);
        assertNotEquals(mean[0], mean(rawValidation)[0], 1f, "the parts differ, so the test means something");
        float[] trained = mean(s.training().train());
        assertEquals(0, trained[0], 1e-4);
        assertEquals(0, trained[1], 1e-4);
        // validation and test are transformed with the same numbers, not their own
        float[] v = rawValidation.features();
        float[] nv = s.training().validation().features();
        float[] off = s.training().normalizer().offsets();
        float[] fac = s.training().normalizer().factors();
        for (int i = 0; i < v.length; i++) {
            assertEquals((v[i] - off[i % 2]) * fac[i % 2], nv[i], 1e-5f);
        }
        assertNotEquals(0, mean(s.test())[0], 1e-3);

        DataSplits scaled = Datasets.load("t.csv", dir, raw.withNormalization(Normalization.SCALE));
        float max = 0;
        for (float x : rawTrain.features()) {
            max = Math.max(max, Math.abs(x));
        }
        assertEquals(1 / max, scaled.training().normalizer().factors()[0], 1e-9f, "scaled by the training maximum");
    }

    private static float[] mean(Dataset d) {
        int w = d.shape().size();
        double[] s = new double[w];
        for (int i = 0; i < d.features().length; i++) {
            s[i % w] += d.features()[i];
        }
        float[] m = new float[w];
        for (int j = 0; j < w; j++) {
            m[j] = (float) (s[j] / d.size());
        }
        return m;
    }

    @Test
    void givenValidationAndTestFiles() throws IOException {
        table();
        Files.writeString(dir.resolve("v.csv"), "a,b,label\n1,2,yes\n3,4,no\n");
        Files.writeString(dir.resolve("test.csv"), "a,b,label\n5,6,no\n");
        DataOptions o = DataOptions.DEFAULTS.withValidation(DataFile.of(Path.of("v.csv")))
                .withTest(DataFile.of(Path.of("test.csv")));
        DataSplits s = Datasets.load("t.csv", dir, o);
        assertEquals(200, s.training().train().size(), "nothing held out of the training file");
        assertArrayEquals(new int[] {1, 0}, s.training().validation().labels());
        assertEquals(1, s.test().size());

        Files.writeString(dir.resolve("w.csv"), "a,c,label\n1,2,yes\n");
        String m = assertThrows(DataException.class, () -> Datasets.load("t.csv", dir,
                DataOptions.DEFAULTS.withValidation(DataFile.of(Path.of("w.csv"))))).getMessage();
        assertEquals(dir.resolve("w.csv") + ": feature columns [a, c] differ from those of " + dir.resolve("t.csv")
                + " [a, b]", m);
    }

    @Test
    void aSeparateTestFileIsNotReadUntilAskedFor() throws IOException {
        table();
        DataSplits s = Datasets.load("t.csv", dir, DataOptions.DEFAULTS.withTest(DataFile.of(Path.of("later.csv"))));
        assertEquals(160, s.training().train().size());
        String m = assertThrows(DataException.class, s::test).getMessage();
        assertEquals(dir.resolve("later.csv") + ": no such file", m);
        Files.writeString(dir.resolve("later.csv"), "a,b,label\n1,2,maybe\n");
        m = assertThrows(DataException.class, s::test).getMessage();
        assertTrue(m.endsWith("label \"maybe\" is not one of the training classes (no, yes)"), m);
    }

    @Test
    void sharedLoadsAreLoadedOnce() {
        DataSplits a = Datasets.loadShared("digits", dir, DataOptions.DEFAULTS);
        assertTrue(a == Datasets.loadShared(" digits", dir.resolve("."), DataOptions.DEFAULTS));
        assertTrue(a != Datasets.loadShared("digits", dir, DataOptions.DEFAULTS.withSeed(1)));
    }

    @Test
    void noValidationForAFinalRetraining() {
        DataSplits s = Datasets.load("digits", dir, DataOptions.DEFAULTS.withValidationFraction(0));
        assertEquals(1438, s.training().train().size());
        assertEquals(0, s.training().validation().size());
    }

    @Test
    void idxDirectoryAndFiles() {
        IdxFixtures.writePair(dir, "train", 50, 3, 4, 5, true);
        IdxFixtures.writePair(dir, "t10k", 10, 3, 4, 5, false);
        DataSplits s = Datasets.load(".", dir);
        assertEquals(10, s.test().size(), "the t10k files are the test set");
        assertEquals(50, s.training().train().size() + s.training().validation().size());
        assertEquals(new Shape(1, 3, 4), s.shape());
        assertEquals(List.of("0", "1", "2", "3", "4"), s.classNames());
        assertEquals(1f / 255, s.training().normalizer().factors()[0], "scaled by the byte maximum, not the data's");

        // an image file: labels and the t10k test set found by convention
        DataSplits f = Datasets.load("train-images-idx3-ubyte.gz", dir);
        assertEquals(10, f.test().size());
        assertTrue(f.description().contains("test from t10k-images-idx3-ubyte;"), f.description());
        assertArrayEquals(s.training().train().features(), f.training().train().features());

        // explicit label file; no test file, so a held-out share
        Path other = IdxFixtures.write(dir.resolve("sub/pics"), IdxFixtures.images(50, 3, 4,
                IdxFixtures.sample(50, 3, 4, 5)[0]), false);
        DataSplits e = Datasets.load("sub/pics", dir, DataOptions.DEFAULTS.withLabels(Path.of("train-labels-idx1-ubyte.gz")));
        assertEquals(10, e.test().size());
        assertEquals(other.toString(), e.description().substring(0, other.toString().length()));

        // a test file of another shape
        IdxFixtures.writePair(dir.resolve("odd"), "t10k", 10, 4, 4, 5, false);
        DataSplits g = Datasets.load(".", dir, DataOptions.DEFAULTS.withTest(
                DataFile.of(Path.of("odd/t10k-images-idx3-ubyte"))));
        String m = assertThrows(DataException.class, g::test).getMessage();
        assertEquals(dir.resolve("odd/t10k-images-idx3-ubyte") + ": examples of 1x4x4, expected 1x3x4 as in "
                + dir.resolve("train-images-idx3-ubyte.gz"), m);
    }

    @Test
    void badSpecs() throws IOException {
        String m = assertThrows(DataException.class, () -> Datasets.load("nope.csv", dir)).getMessage();
        assertEquals(dir.resolve("nope.csv") + ": no such file or directory (data is digits, fashion-mnist, or a path"
                + " to IDX or CSV files)", m);
        Files.createDirectories(dir.resolve("empty"));
        m = assertThrows(DataException.class, () -> Datasets.load("empty", dir)).getMessage();
        assertTrue(m.startsWith(dir.resolve("empty") + ": no train-images-idx3-ubyte[.gz] in this directory"), m);
        m = assertThrows(DataException.class, () -> Datasets.load(" ", dir)).getMessage();
        assertTrue(m.startsWith("no data given"), m);
    }

    @Test
    void fashionMnistMissingNamesThePackage() {
        Path missing = dir.resolve("no-such-dir");
        String m = assertThrows(DataException.class,
                () -> Datasets.fashionMnist(missing, dir, DataOptions.DEFAULTS)).getMessage();
        assertEquals("fashion-mnist: " + missing.resolve("train-images-idx3-ubyte.gz") + " not found; the files come"
                + " from the Debian package dataset-fashion-mnist (install it with: sudo apt-get install"
                + " dataset-fashion-mnist), or give the directory holding the four IDX files as the data path", m);
    }
}
