package io.metaloop.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;

import static io.metaloop.spec.SpecAssert.assertProblem;
import static io.metaloop.spec.SpecAssert.fails;
import static io.metaloop.spec.SpecAssert.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlReaderTest {

    @TempDir
    Path dir;

    @Test
    void nodesKnowTheirLineAndPath() {
        YamlMap root = YamlReader.read(String.join("\n",
                "# a comment",
                "name: x",
                "sampler:",
                "  type: grid",
                "  values:",
                "    act: [relu,",
                "          gelu]",
                "list:",
                "  - a",
                "  - {b: 1}"), "t.yaml");
        assertEquals(new Location("t.yaml", 2, ""), root.location());
        assertEquals(new Location("t.yaml", 2, "name"), root.get("name").location());
        YamlMap sampler = root.get("sampler").asMap("a mapping");
        // a block mapping is located at the key that opens it
        assertEquals(new Location("t.yaml", 3, "sampler"), sampler.location());
        assertEquals(new Location("t.yaml", 4, "sampler.type"), sampler.get("type").location());
        YamlList act = sampler.get("values").asMap("m").get("act").asList("l");
        assertEquals(new Location("t.yaml", 6, "sampler.values.act"), act.location());
        assertEquals(new Location("t.yaml", 7, "sampler.values.act[1]"), act.items().get(1).location());
        YamlList list = root.get("list").asList("l");
        assertEquals(new Location("t.yaml", 10, "list[1]"), list.items().get(1).location());
        assertEquals(new Location("t.yaml", 10, "list[1].b"), list.items().get(1).asMap("m").get("b").location());
    }

    @Test
    void scalarsKeepTheirTypeAndText() {
        YamlMap root = YamlReader.read("{i: 3, l: 12345678901, b: 12345678901234567890, d: 1e-5,"
                + " t: yes, n: ~, s: '3', f: 1.50}", "t.yaml");
        assertEquals(3, ((YamlScalar) root.get("i")).value());
        assertEquals(12345678901L, ((YamlScalar) root.get("l")).value());
        assertInstanceOf(BigInteger.class, ((YamlScalar) root.get("b")).value());
        assertEquals(1e-5, ((YamlScalar) root.get("d")).value());
        assertEquals(Boolean.TRUE, ((YamlScalar) root.get("t")).value());
        assertNull(((YamlScalar) root.get("n")).value());
        assertEquals("3", ((YamlScalar) root.get("s")).value());
        assertEquals("1.50", ((YamlScalar) root.get("f")).text());
        assertEquals("3", root.get("i").asText("text"));
        assertTrue(fails(() -> root.get("t").asText("a name")).getMessage().contains("quote it"));
        assertTrue(fails(() -> root.get("b").asLong("a seed")).getMessage().contains("too large"));
        assertTrue(fails(() -> root.get("f").asInt("an integer")).getMessage().contains("got 1.50"));
    }

    @Test
    void duplicateKeysAreRefused() {
        Path f = write(dir, "studies/x.yaml", "name: a", "sampler: {type: random}", "name: b");
        assertProblem(fails(() -> YamlReader.readFile(f)), f, 3, "name", "duplicate key 'name' (first given at line 1)");
    }

    @Test
    void aliasesAreRefused() {
        Path f = write(dir, "x.yaml", "a: &v [1, 2]", "b: *v");
        assertProblem(fails(() -> YamlReader.readFile(f)), f, 2, "b", "aliases");
    }

    @Test
    void aSecondDocumentIsRefused() {
        Path f = write(dir, "x.yaml", "a: 1", "---", "b: 2");
        assertProblem(fails(() -> YamlReader.readFile(f)), f, 3, "", "second YAML document");
    }

    @Test
    void malformedYamlGivesOneLineWithTheProblemLine() {
        Path f = write(dir, "studies/x.yaml", "name: x", "sampler:", "  type: random", "    seed: 1");
        SpecException e = fails(() -> YamlReader.readFile(f));
        assertProblem(e, f, 4, "", "malformed YAML: mapping values are not allowed here");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Path g = write(dir, "y.yaml", "name: x", "sampler: {type: random", "budget: 1");
        assertProblem(fails(() -> YamlReader.readFile(g)), g, 3, "", "malformed YAML: expected ',' or '}'");

        Path tab = write(dir, "z.yaml", "name: x", "\tsampler: 1");
        assertProblem(fails(() -> YamlReader.readFile(tab)), tab, 2, "", "malformed YAML");

        Path quote = write(dir, "q.yaml", "name: \"x", "a: 1");
        assertProblem(fails(() -> YamlReader.readFile(quote)), quote, 3, "", "(while scanning a quoted scalar that starts at line 1)");
    }

    @Test
    void missingEmptyAndNonMappingFiles() {
        Path missing = dir.resolve("studies/nope.yaml");
        SpecException e = fails(() -> YamlReader.readFile(missing));
        assertEquals(missing + ": file not found", e.getMessage());

        Path empty = write(dir, "empty.yaml", "# nothing here");
        assertProblem(fails(() -> YamlReader.readFile(empty)), empty, 0, "", "the file is empty");

        Path list = write(dir, "list.yaml", "- a", "- b");
        assertProblem(fails(() -> YamlReader.readFile(list)), list, 1, "", "got a list");

        assertProblem(fails(() -> YamlReader.readFile(dir)), dir, 0, "", "is a directory");
    }
}
