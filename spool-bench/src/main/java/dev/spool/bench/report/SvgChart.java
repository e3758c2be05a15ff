package dev.spool.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Line charts as SVG text: one or more panels, each with categories along x, a linear or logarithmic y
 * axis and one line per series. Missing points (NaN) break a line. Enough for the report, no more.
 */
final class SvgChart {

    /** One line: a value per category, NaN where there is none, in color number {@code color}. */
    record Series(String name, int color, double[] values) {
    }

    /** One panel of a chart. */
    record Panel(String title, String xLabel, String yLabel, List<String> categories, List<Series> series,
                 boolean logY) {
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    private static final int PANEL_WIDTH = 460;
    private static final int PANEL_HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 15;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;
    private static final int LEGEND_ROW = 18;

    private SvgChart() {
    }

    /** A chart of {@code panels} laid out {@code columns} wide, with one legend for all series names. */
    static String render(String title, List<Panel> panels, int columns) {
        List<Series> legend = panels.stream().flatMap(p -> p.series().stream())
                .filter(distinctByName()).toList();
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * PANEL_WIDTH;
        int legendHeight = legend.size() * LEGEND_ROW + 10;
        int height = 30 + rows * PANEL_HEIGHT + legendHeight;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, width / 2.0, 20, "middle", 15, title);
        for (int i = 0; i < panels.size(); i++) {
            new PanelDrawing(panels.get(i), (i % columns) * PANEL_WIDTH, 30 + (i / columns) * PANEL_HEIGHT).draw(svg);
        }
        legend(svg, legend, 30 + rows * PANEL_HEIGHT + 5);
        return svg.append("</svg>\n").toString();
    }

    private static java.util.function.Predicate<Series> distinctByName() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return s -> seen.add(s.name());
    }

    private static void legend(StringBuilder svg, List<Series> series, int top) {
        for (int i = 0; i < series.size(); i++) {
            double y = top + i * LEGEND_ROW + 10;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2.5\"/>%n", LEFT, y, LEFT + 30, y, color(series.get(i).color())));
            text(svg, LEFT + 38, y + 4, "start", 12, series.get(i).name());
        }
    }

    static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }

    static void text(StringBuilder svg, double x, double y, String anchor, int size, String content) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(content)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One panel at an offset: axes, ticks, grid and lines. */
    private static final class PanelDrawing {
        private final Panel panel;
        private final int x0;
        private final int y0;
        private final Axis axis;

        PanelDrawing(Panel panel, int x0, int y0) {
            this.panel = panel;
            this.x0 = x0;
            this.y0 = y0;
            this.axis = Axis.fit(panel.series(), panel.logY());
        }

        void draw(StringBuilder svg) {
            double plotWidth = PANEL_WIDTH - LEFT - RIGHT;
            double plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
            text(svg, x0 + LEFT + plotWidth / 2, y0 + 18, "middle", 12, panel.title());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" "
                    + "fill=\"none\" stroke=\"#444\"/>%n", x0 + LEFT, y0 + TOP, plotWidth, plotHeight));
            for (double tick : axis.ticks()) {
                double y = yOf(tick);
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                        x0 + LEFT, y, x0 + LEFT + plotWidth, y));
                text(svg, x0 + LEFT - 5, y + 4, "end", 10, Axis.format(tick));
            }
            List<String> cats = panel.categories();
            for (int c = 0; c < cats.size(); c++) {
                text(svg, xOf(c), y0 + TOP + plotHeight + 15, "middle", 10, cats.get(c));
            }
            text(svg, x0 + LEFT + plotWidth / 2, y0 + PANEL_HEIGHT - 8, "middle", 11, panel.xLabel());
            svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%.1f) rotate(-90)\" "
                    + "text-anchor=\"middle\" font-size=\"11\">%s</text>%n", x0 + 14, y0 + TOP + plotHeight / 2,
                    escape(panel.yLabel())));
            for (Series s : panel.series()) {
                line(svg, s, color(s.color()));
            }
        }

        private void line(StringBuilder svg, Series s, String color) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int c = 0; c < s.values().length && c < panel.categories().size(); c++) {
                double v = s.values()[c];
                if (!axis.plottable(v)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", xOf(c), yOf(v)));
                pen = true;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        xOf(c), yOf(v), color));
            }
            if (path.length() > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        path.toString().trim(), color));
            }
        }

        private double xOf(int category) {
            double plotWidth = PANEL_WIDTH - LEFT - RIGHT;
            int n = Math.max(1, panel.categories().size());
            return x0 + LEFT + plotWidth * (category + 0.5) / n;
        }

        private double yOf(double value) {
            double plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
            return y0 + TOP + plotHeight * (1 - axis.fraction(value));
        }
    }
}
