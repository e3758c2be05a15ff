package dev.spool.cli.store;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text printed as aligned columns: numeric columns right-aligned, the last column unpadded.
 * Widths ignore ANSI color sequences, so colored cells line up too.
 */
final class Table {

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** Headers ending with {@code >} are right-aligned (the marker is not printed). */
    Table(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].endsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i];
        }
    }

    Table row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        print(out, true);
    }

    /** Prints the rows, after the header line when {@code withHeader}. */
    void print(PrintWriter out, boolean withHeader) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], visibleLength(row[i]));
            }
        }
        if (withHeader) {
            line(out, headers, widths);
        }
        for (String[] row : rows) {
            line(out, row, widths);
        }
    }

    private void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String pad = " ".repeat(Math.max(0, widths[i] - visibleLength(cells[i])));
            if (rightAligned[i]) {
                b.append(pad).append(cells[i]);
            } else {
                b.append(cells[i]).append(last ? "" : pad);
            }
            if (!last) {
                b.append("  ");
            }
        }
        out.println(b.toString().stripTrailing());
    }

    static int visibleLength(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
