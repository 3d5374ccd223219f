package io.metaloop.report;

import java.util.List;

/** Left-aligned text columns separated by two spaces, the first row a header. */
public final class TextTable {

    private TextTable() {
    }

    /** The rows as aligned lines, each ending in a newline; rows must have equal length. */
    public static String render(List<List<String>> rows) {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(row.get(i));
                line.append(" ".repeat(width[i] - row.get(i).length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
