package io.metaloop.train.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns labels as written in a table into class indices. Class {@code k} is the k-th smallest
 * distinct label: in numeric order when every label is an integer (so {@code 0..9} stay
 * {@code 0..9} and {@code 1..10} become {@code 0..9}), in string order otherwise. The names are
 * kept so that predictions can be written back as the labels the user knows, and so that a
 * separate validation or test file is coded the same way as the training file.
 */
final class LabelCoding {

    private LabelCoding() {
    }

    /** The class names of {@code labels}, sorted as described above. */
    static List<String> classNames(String[] labels) {
        boolean integers = true;
        for (String s : labels) {
            if (!isInteger(s)) {
                integers = false;
                break;
            }
        }
        TreeSet<String> names;
        if (integers) {
            names = new TreeSet<>(Comparator.comparingLong(Long::parseLong));
            for (String s : labels) {
                names.add(Long.toString(Long.parseLong(s)));
            }
        } else {
            names = new TreeSet<>(labels.length == 0 ? List.of() : List.of(labels));
        }
        return List.copyOf(new ArrayList<>(names));
    }

    /**
     * The class index of every label of {@code table} under {@code classNames}.
     *
     * @throws DataException naming line and column for a label that is not a known class
     */
    static int[] indices(CsvReader.Table table, List<String> classNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) {
            index.put(classNames.get(k), k);
        }
        int[] y = new int[table.rows()];
        for (int i = 0; i < y.length; i++) {
            String s = table.labels()[i];
            Integer k = index.get(s);
            if (k == null && isInteger(s)) {
                k = index.get(Long.toString(Long.parseLong(s)));
            }
            if (k == null) {
                throw new DataException(table.file() + ": line " + table.lines()[i] + ", column " + table.labelColumn()
                        + ": label \"" + s + "\" is not one of the training classes (" + list(classNames) + ")");
            }
            y[i] = k;
        }
        return y;
    }

    static boolean isInteger(String s) {
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (s.length() == start || s.length() - start > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String list(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }
}
