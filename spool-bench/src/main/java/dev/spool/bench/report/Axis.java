package dev.spool.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A y axis fitted to the data: linear from zero with 1-2-5 steps, or logarithmic by decades. */
final class Axis {

    private final boolean log;
    private final double low;
    private final double high;
    private final double step;

    private Axis(boolean log, double low, double high, double step) {
        this.log = log;
        this.low = low;
        this.high = high;
        this.step = step;
    }

    static Axis fit(List<SvgChart.Series> series, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SvgChart.Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max == 0) {
            return new Axis(false, 0, 1, 0.2);
        }
        if (log) {
            return new Axis(true, Math.floor(Math.log10(min)), Math.max(Math.ceil(Math.log10(max)),
                    Math.floor(Math.log10(min)) + 1), 1);
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw <= magnitude ? magnitude : raw <= 2 * magnitude ? 2 * magnitude
                : raw <= 5 * magnitude ? 5 * magnitude : 10 * magnitude;
        return new Axis(false, 0, Math.ceil(max / step) * step, step);
    }

    boolean plottable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Where {@code v} sits between the bottom (0) and the top (1) of the axis. */
    double fraction(double v) {
        double x = log ? Math.log10(v) : v;
        return (x - low) / (high - low);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (double t = low; t <= high + step / 1000; t += step) {
            ticks.add(log ? Math.pow(10, t) : t);
        }
        return ticks;
    }

    /** Short tick labels: 1.5M, 200k, 12, 0.5. */
    static String format(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
