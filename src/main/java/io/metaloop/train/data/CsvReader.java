package io.metaloop.train.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated tables: a header row naming the columns, one label column chosen by
 * name, every other column a numeric feature. Fields may be quoted ({@code "a,b"}, with
 * {@code ""} for a quote); blank lines are skipped; the file may be gzipped (detected by its
 * magic bytes). Problems are reported with file, line and column, since a table of thousands of
 * rows is otherwise hopeless to fix.
 */
final class CsvReader {

    /**
     * What a table holds before its labels are turned into class indices.
     *
     * @param file         the name of the file, for messages
     * @param featureNames the feature columns, in file order
     * @param features     the features, row after row
     * @param labels       the label of each row, as written
     * @param lines        the line number of each row, for messages
     * @param labelColumn  the 1-based column number of the labels, for messages
     */
    record Table(String file, List<String> featureNames, float[] features, String[] labels, int[] lines,
                 int labelColumn) {

        int rows() {
            return labels.length;
        }
    }

    private CsvReader() {
    }

    /**
     * Parses {@code content}.
     *
     * @param header      the column names when the file has no header row, or null when its
     *                    first row is the header
     * @param labelColumn the name of the label column
     */
    static Table parse(String file, byte[] content, List<String> header, String labelColumn) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int lineNo = 0;
        int pos = 0;
        List<String> columns = header;
        int labelAt = -1;
        int width = 0;
        FloatList features = new FloatList();
        List<String> labels = new ArrayList<>();
        IntList lines = new IntList();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(pos, end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end);
            pos = end + 1;
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(file, lineNo, line);
            if (columns == null) {
                columns = trimmed(cells);
                continue;
            }
            if (labelAt < 0) {
                labelAt = labelIndex(file, header == null ? 1 : 0, columns, labelColumn);
                width = columns.size() - 1;
            }
            if (cells.size() != columns.size()) {
                throw new DataException(file + ": line " + lineNo + " has " + cells.size() + " columns, expected "
                        + columns.size() + " as in the header");
            }
            for (int c = 0; c < cells.size(); c++) {
                if (c == labelAt) {
                    String label = cells.get(c).trim();
                    if (label.isEmpty()) {
                        throw new DataException(cellName(file, lineNo, c, columns) + ": empty label");
                    }
                    labels.add(label);
                } else {
                    features.add(number(file, lineNo, c, columns, cells.get(c)));
                }
            }
            lines.add(lineNo);
        }
        if (columns == null) {
            throw new DataException(file + ": the file is empty; expected a header row naming the columns,"
                    + " one of them the label column \"" + labelColumn + "\"");
        }
        if (labelAt < 0) {
            labelIndex(file, header == null ? 1 : 0, columns, labelColumn);
            throw new DataException(file + ": no data rows after the header");
        }
        List<String> names = new ArrayList<>(columns);
        names.remove(labelAt);
        return new Table(file, List.copyOf(names), features.toArray(), labels.toArray(new String[0]),
                lines.toArray(), labelAt + 1);
    }

    private static int labelIndex(String file, int headerLine, List<String> columns, String labelColumn) {
        int at = columns.indexOf(labelColumn);
        if (at < 0) {
            throw new DataException(file + ": " + (headerLine > 0 ? "line " + headerLine + ": " : "")
                    + "no label column \"" + labelColumn + "\" in the header (columns: "
                    + abbreviated(columns) + "); name the label column with the label-column option");
        }
        if (columns.lastIndexOf(labelColumn) != at) {
            throw new DataException(file + ": line " + headerLine + ": the label column \"" + labelColumn
                    + "\" appears more than once in the header");
        }
        if (columns.size() < 2) {
            throw new DataException(file + ": line " + headerLine + ": only the label column, no feature columns");
        }
        return at;
    }

    private static float number(String file, int line, int c, List<String> columns, String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            throw new DataException(cellName(file, line, c, columns) + ": empty cell, expected a number");
        }
        // Float.parseFloat alone would accept "NaN", "Infinity", "0x1p3" and "1f"
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                throw notANumber(file, line, c, columns, s);
            }
        }
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw notANumber(file, line, c, columns, s);
        }
        if (!Float.isFinite(v)) {
            throw new DataException(cellName(file, line, c, columns) + ": " + s + " is outside the float range");
        }
        return v;
    }

    private static DataException notANumber(String file, int line, int c, List<String> columns, String s) {
        return new DataException(cellName(file, line, c, columns) + ": \"" + s + "\" is not a number");
    }

    private static String cellName(String file, int line, int c, List<String> columns) {
        return file + ": line " + line + ", column " + (c + 1) + " (\"" + columns.get(c) + "\")";
    }

    /** Splits one line into fields, honouring double quotes. */
    static List<String> split(String file, int lineNo, String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(file + ": line " + lineNo + ": a quote is not closed (fields cannot span lines)");
        }
        cells.add(cell.toString());
        return cells;
    }

    private static List<String> trimmed(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(c.trim());
        }
        return out;
    }

    private static String abbreviated(List<String> columns) {
        if (columns.size() <= 8) {
            return String.join(", ", columns);
        }
        return String.join(", ", columns.subList(0, 8)) + ", ... (" + columns.size() + " in all)";
    }

    /** A growable float array: a {@code List<Float>} would box every value. */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    private static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
