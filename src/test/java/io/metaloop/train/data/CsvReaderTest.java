package io.metaloop.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private DataFiles.Loaded read(Path file) {
        return DataFiles.read(DataFile.of(file), "label", null);
    }

    private String error(Path file) {
        return assertThrows(DataException.class, () -> read(file)).getMessage();
    }

    @Test
    void integerLabelsAreClassIndicesInNumericOrder() throws IOException {
        Path f = csv("ints.csv", "a,label,b\n1,2,3\n4,0,6\r\n\n7,10,9\n");
        DataFiles.Loaded t = read(f);
        assertEquals(List.of("0", "2", "10"), t.classNames(), "numeric, not string, order");
        assertArrayEquals(new int[] {1, 0, 2}, t.data().labels());
        assertArrayEquals(new float[] {1, 3, 4, 6, 7, 9}, t.data().features());
        assertEquals(Shape.flat(2), t.data().shape());
        assertEquals(List.of("a", "b"), t.featureNames());
        assertEquals(3, t.data().classes());
    }

    @Test
    void stringLabelsAreSortedAndNamed() throws IOException {
        Path f = csv("iris.csv", "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,\"versicolor\"\n6.3,6.0,virginica\n"
                + "4.9,1.5e0,setosa\n");
        DataFiles.Loaded t = DataFiles.read(DataFile.of(f), "species", null);
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, t.data().labels());
        assertEquals(1.5f, t.data().features()[7]);
    }

    @Test
    void quotedFieldsAndGzip() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("q.csv"), "\"x, y\",label\n\"1.5\",\"say \"\"hi\"\"\"\n2,bye\n"
                .getBytes(StandardCharsets.UTF_8), true);
        DataFiles.Loaded t = read(f);
        assertEquals(List.of("x, y"), t.featureNames());
        assertEquals(List.of("bye", "say \"hi\""), t.classNames());
    }

    @Test
    void raggedRow() throws IOException {
        Path f = csv("r.csv", "a,b,label\n1,2,0\n3,4\n");
        assertEquals(f + ": line 3 has 2 columns, expected 3 as in the header", error(f));
    }

    @Test
    void nonNumericCell() throws IOException {
        Path f = csv("n.csv", "a,width,label\n1,2,0\n\n3,abc,1\n");
        assertEquals(f + ": line 4, column 2 (\"width\"): \"abc\" is not a number", error(f));
        // Java would parse these; a data file should not
        for (String bad : new String[] {"NaN", "Infinity", "1f", "0x10"}) {
            Path g = csv("n.csv", "a,label\n" + bad + ",1\n2,0\n");
            assertEquals(g + ": line 2, column 1 (\"a\"): \"" + bad + "\" is not a number", error(g));
        }
        Path h = csv("big.csv", "a,label\n1e39,1\n2,0\n");
        assertEquals(h + ": line 2, column 1 (\"a\"): 1e39 is outside the float range", error(h));
        Path e = csv("e.csv", "a,b,label\n1, ,1\n");
        assertEquals(e + ": line 2, column 2 (\"b\"): empty cell, expected a number", error(e));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = csv("empty.csv", "\n  \n");
        assertEquals(f + ": the file is empty; expected a header row naming the columns, one of them the label"
                + " column \"label\"", error(f));
        Path h = csv("header.csv", "a,label\n");
        assertEquals(h + ": no data rows after the header", error(h));
    }

    @Test
    void missingLabelColumn() throws IOException {
        Path f = csv("m.csv", "a,b,class\n1,2,0\n");
        assertEquals(f + ": line 1: no label column \"label\" in the header (columns: a, b, class); name the label"
                + " column with the label-column option", error(f));
        Path g = csv("d.csv", "label,b,label\n1,2,0\n");
        assertEquals(g + ": line 1: the label column \"label\" appears more than once in the header", error(g));
        Path only = csv("o.csv", "label\n1\n");
        assertEquals(only + ": line 1: only the label column, no feature columns", error(only));
    }

    @Test
    void badLabels() throws IOException {
        Path f = csv("l.csv", "a,label\n1,cat\n2,\n");
        assertEquals(f + ": line 3, column 2 (\"label\"): empty label", error(f));
        Path one = csv("one.csv", "a,label\n1,cat\n2,cat\n");
        assertEquals(one + ": every label in column 2 (\"label\") is \"cat\"; classification needs at least 2 classes",
                error(one));
        Path unclosed = csv("u.csv", "a,label\n1,\"cat\n");
        assertEquals(unclosed + ": line 2: a quote is not closed (fields cannot span lines)", error(unclosed));
    }

    @Test
    void anotherFileIsCodedWithTheTrainingClasses() throws IOException {
        Path test = csv("test.csv", "a,label\n1,dog\n2,cat\n3,bird\n");
        Dataset d = Datasets.read(DataFile.of(test), "label", List.of("bird", "cat", "dog", "fox"));
        assertArrayEquals(new int[] {2, 1, 0}, d.labels());
        assertArrayEquals(new int[] {1, 0}, Datasets.read(DataFile.of(csv("t2.csv", "a,label\n1,dog\n2,cat\n")),
                "label", List.of("cat", "dog")).labels());
        String m = assertThrows(DataException.class,
                () -> Datasets.read(DataFile.of(test), "label", List.of("cat", "dog"))).getMessage();
        assertEquals(test + ": line 4, column 2: label \"bird\" is not one of the training classes (cat, dog)", m);
        assertEquals(4, d.classes());
        // integer labels match by value, so "07" is class "7"
        Path ints = csv("i.csv", "a,label\n1,07\n2,3\n");
        assertArrayEquals(new int[] {1, 0}, Datasets.read(DataFile.of(ints), "label", List.of("3", "7")).labels());
    }

    @Test
    void labelFileWithCsvIsRefused() throws IOException {
        Path f = csv("c.csv", "a,label\n1,0\n2,1\n");
        String m = assertThrows(DataException.class,
                () -> DataFiles.read(new DataFile(f, dir.resolve("l")), "label", null)).getMessage();
        assertEquals(f + ": a label file (" + dir.resolve("l") + ") is given, but this is not an IDX image file"
                + " (IDX data starts with two zero bytes); CSV files hold their labels in a column", m);
    }
}
