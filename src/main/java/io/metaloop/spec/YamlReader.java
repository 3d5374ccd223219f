package io.metaloop.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file into a tree of {@link YamlNode}s that know their line and field path.
 * Jackson's own tree forgets locations, so the tree is built from the streaming parser's
 * tokens. Beyond YAML syntax it refuses what would make a file ambiguous: duplicate keys,
 * aliases, and more than one document.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {
    }

    /** Reads {@code file}, which must hold one YAML mapping; the file is named as given in errors. */
    public static YamlMap readFile(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw fileError(source, "is a directory, expected a YAML file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileError(source, "file not found");
        } catch (MalformedInputException e) {
            throw fileError(source, "is not UTF-8 text");
        } catch (IOException e) {
            throw fileError(source, "cannot be read: " + e.getMessage());
        }
        return read(text, source);
    }

    /** Reads YAML text holding one mapping; {@code source} names it in errors. */
    public static YamlMap read(String text, String source) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw fileError(source, "the file is empty; expected a YAML mapping of keys to values");
            }
            YamlNode root = readValue((YAMLParser) p, first, new Location(source, lineOf(p), ""));
            if (p.nextToken() != null) {
                throw new Location(source, lineOf(p), "").error("a second YAML document is not allowed here;"
                        + " remove the '---' and what follows it");
            }
            if (!(root instanceof YamlMap map)) {
                throw root.error("expected a YAML mapping of keys to values at the top of the file, got "
                        + root.describe());
            }
            return map;
        } catch (JsonProcessingException e) {
            throw malformed(e, source);
        } catch (IOException e) {
            // the text is in memory: only a broken parser could get here
            throw new UncheckedIOException(e);
        }
    }

    private static YamlNode readValue(YAMLParser p, JsonToken t, Location at) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = lineOf(p);
                    Location child = at.child(key, keyLine);
                    if (keyLines.containsKey(key)) {
                        throw child.error("duplicate key '" + key + "' (first given at line " + keyLines.get(key) + ")");
                    }
                    keyLines.put(key, keyLine);
                    entries.put(key, readValue(p, p.nextToken(), child));
                }
                return new YamlMap(at, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(readValue(p, i, at.item(items.size(), lineOf(p))));
                }
                return new YamlList(at, items);
            }
            default -> {
                return readScalar(p, t, at);
            }
        }
    }

    private static YamlScalar readScalar(YAMLParser p, JsonToken t, Location at) throws IOException {
        if (p.isCurrentAlias()) {
            // aliases would make one node stand for several paths; the files are small enough to spell out
            throw at.error("YAML aliases (*" + p.getText() + ") are not supported; write the value out");
        }
        String text = p.getText();
        Object value = switch (t) {
            case VALUE_STRING -> text;
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw at.error("unsupported YAML value " + text);
        };
        return new YamlScalar(at, value, text);
    }

    private static int lineOf(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null ? 0 : l.getLineNr();
    }

    private static SpecException fileError(String source, String message) {
        return new SpecException(new SpecProblem(source, 0, "", message));
    }

    /**
     * One located line from a YAML syntax error. SnakeYAML's marks are more precise than the
     * location Jackson attaches (which can be the previous token), so they are preferred.
     */
    static SpecException malformed(JsonProcessingException e, String source) {
        int line;
        String message;
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            line = m.getProblemMark().getLine() + 1;
            message = oneLine(m.getProblem());
            if (message.startsWith("mapping values are not allowed")) {
                // SnakeYAML's wording for the most common slip, a key indented under a scalar
                message += " (check the indentation, or quote a value that contains ': ' or ends with ':')";
            }
            Mark context = m.getContextMark();
            if (m.getContext() != null && context != null && context.getLine() + 1 != line) {
                message += " (" + oneLine(m.getContext()) + " that starts at line " + (context.getLine() + 1) + ")";
            }
        } else {
            line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            message = oneLine(e.getOriginalMessage());
        }
        return new SpecException(new SpecProblem(source, Math.max(line, 0), "", "malformed YAML: " + message));
    }

    private static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "syntax error";
        }
        String first = s.strip().lines().findFirst().orElse("").strip();
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
