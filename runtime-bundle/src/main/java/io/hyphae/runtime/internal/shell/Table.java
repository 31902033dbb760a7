package io.hyphae.runtime.internal.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: numbers right-aligned, text left-aligned.
 */
public final class Table {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * A table with these column titles.
     *
     * @param header the titles
     */
    public Table(String... header) {
        this.header = header.clone();
    }

    /**
     * Adds a row; values are shown with {@code String.valueOf}.
     *
     * @param values one per column
     * @return this table
     */
    public Table row(Object... values) {
        if (values.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " values, got " + values.length);
        }
        String[] r = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = String.valueOf(values[i]);
        }
        rows.add(r);
        return this;
    }

    /**
     * The number of rows.
     *
     * @return rows added
     */
    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            numeric[c] = !rows.isEmpty();
        }
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
                numeric[c] &= r[c].matches("-?[0-9][0-9.,]*( ?[a-zA-Zµ%/]+)?|-");
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, new boolean[header.length]);
        for (String[] r : rows) {
            line(sb, r, width, numeric);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean[] right) {
        int start = sb.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String v = cells[c];
            int pad = width[c] - v.length();
            if (right[c]) {
                sb.append(" ".repeat(pad)).append(v);
            } else {
                sb.append(v);
                if (c < cells.length - 1) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        while (sb.length() > start && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        sb.append('\n');
    }
}
