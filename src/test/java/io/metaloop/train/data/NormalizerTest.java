package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final Dataset DATA = new Dataset("d", new float[] {1, 5, 3, 5, 5, 5, -1, 5}, new int[] {0, 1, 0, 1},
            Shape.flat(2), 2);

    @Test
    void standardizeCentresAndScalesEachFeatureAndOnlyCentresConstantOnes() {
        Normalizer n = Normalizer.fit(Normalization.STANDARDIZE, DATA, Float.NaN);
        assertArrayEquals(new float[] {2, 5}, n.offsets());
        // feature 0: values 1, 3, 5, -1, population sd sqrt(5); feature 1 is constant
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(5)), 1f}, n.factors(), 1e-6f);
        Dataset out = n.apply(DATA);
        assertEquals(-1 / Math.sqrt(5), out.features()[0], 1e-6);
        assertEquals(0f, out.features()[1]);
        assertEquals(1f, DATA.features()[0], "apply copies");
    }

    @Test
    void scaleUsesTheFormatMaximumWhenKnown() {
        assertArrayEquals(new float[] {0.1f, 0.1f}, Normalizer.fit(Normalization.SCALE, DATA, 10f).factors());
        assertArrayEquals(new float[] {0.2f, 0.2f}, Normalizer.fit(Normalization.SCALE, DATA, Float.NaN).factors());
        assertSame(DATA, Normalizer.none(2).apply(DATA));
        assertEquals(Normalizer.fit(Normalization.SCALE, DATA, 10f), Normalizer.fit(Normalization.SCALE, DATA, 10f));
    }

    @Test
    void mismatchAndBadMethods() {
        Normalizer n = Normalizer.none(3);
        String m = assertThrows(DataException.class, () -> n.apply(DATA)).getMessage();
        assertEquals("d: examples have 2 features, the normalizer expects 3", m);
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fit(Normalization.AUTO, DATA, 1f));
    }

    @Test
    void parseNames() {
        assertEquals(Normalization.STANDARDIZE, Normalization.parse("Standardise"));
        assertEquals(Normalization.SCALE, Normalization.parse(" scale "));
        assertEquals("auto", Normalization.AUTO.toString());
        String m = assertThrows(IllegalArgumentException.class, () -> Normalization.parse("minmax")).getMessage();
        assertEquals("unknown normalization 'minmax'; expected one of auto, none, scale, standardize", m);
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> DataOptions.DEFAULTS.withValidationFraction(1));
        assertThrows(IllegalArgumentException.class, () -> DataOptions.DEFAULTS.withTestFraction(0));
        assertThrows(IllegalArgumentException.class, () -> DataOptions.DEFAULTS.withLabelColumn(" "));
        DataOptions o = DataOptions.DEFAULTS.withSeed(3).withTestSeed(4).withLabelColumn("y");
        assertEquals(3, o.seed());
        assertEquals(4, o.testSeed());
        assertEquals("y", o.labelColumn());
        assertEquals(0.2, o.validationFraction());
    }

    @Test
    void subsetCopiesTheChosenExamples() {
        Dataset s = DATA.subset("s", new int[] {3, 1});
        assertArrayEquals(new float[] {-1, 5, 3, 5}, s.features());
        assertArrayEquals(new int[] {1, 1}, s.labels());
        assertArrayEquals(new int[] {2, 2}, DATA.classCounts());
        assertThrows(IndexOutOfBoundsException.class, () -> DATA.subset("s", new int[] {4}));
    }
}
