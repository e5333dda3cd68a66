package io.privkit.evidence.render.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts drawn by Privkit itself (no script, font or image is loaded), each with
 * a {@code <title>} and {@code <desc>} for screen readers; the HTML report puts the same numbers
 * in a table next to every chart. Output is deterministic. Stateless and thread-safe.
 */
public final class Svg {
    static final int WIDTH = 640;
    private static final String AXIS = "#555";
    private static final String INK = "#1f3b63";
    private static final String ALERT = "#b3261e";
    private static final String MUTED = "#8a97a8";

    private Svg() {
    }

    /** A labelled value with an optional interval. */
    public record Point(String label, double value, Double lower, Double upper) {
    }

    /** A bar, highlighted when it signals a problem. */
    public record Bar(String label, double value, boolean highlighted) {
    }

    /** A series of a stacked bar chart. */
    public record Series(String name, String colour, double[] values) {
    }

    /** Dots with interval whiskers on a horizontal axis, with an optional reference line. */
    public static String dotWhisker(String id, String title, String desc, List<Point> points, Double reference, String referenceLabel) {
        int rowH = 26;
        int left = 170;
        int right = 30;
        int top = 20;
        int h = top + rowH * points.size() + 40;
        double min = 0;
        double max = 0;
        for (Point p : points) {
            max = Math.max(max, p.upper() != null ? p.upper() : p.value());
            min = Math.min(min, p.lower() != null ? p.lower() : p.value());
        }
        if (reference != null) {
            max = Math.max(max, reference);
            min = Math.min(min, reference);
        }
        double[] ticks = ticks(min, max);
        double lo = ticks[0];
        double hi = ticks[ticks.length - 1];
        StringBuilder s = open(id, title, desc, h);
        int plotW = WIDTH - left - right;
        axisX(s, ticks, left, plotW, top + rowH * points.size() + 4, lo, hi);
        if (reference != null) {
            double x = left + plotW * (reference - lo) / (hi - lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                    x, top - 6, x, top + rowH * points.size(), MUTED));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    x, top - 9, AXIS, esc(referenceLabel)));
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int y = top + rowH * i + rowH / 2;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                    left - 8, y + 4, esc(p.label())));
            if (p.lower() != null && p.upper() != null) {
                double x1 = left + plotW * (p.lower() - lo) / (hi - lo);
                double x2 = left + plotW * (p.upper() - lo) / (hi - lo);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
                        x1, y, x2, y, INK));
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", x1, y - 5, x1, y + 5, INK));
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", x2, y - 5, x2, y + 5, INK));
            }
            double x = left + plotW * (p.value() - lo) / (hi - lo);
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4.5\" fill=\"%s\"/>", x, y, INK));
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars with an optional threshold line; highlighted bars are drawn in the alert colour. */
    public static String bars(String id, String title, String desc, List<Bar> bars, Double threshold, String thresholdLabel) {
        int rowH = 24;
        int left = 170;
        int right = 30;
        int top = 22;
        int h = top + rowH * bars.size() + 40;
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.value());
        }
        if (threshold != null) {
            max = Math.max(max, threshold);
        }
        double[] ticks = ticks(0, max);
        double hi = ticks[ticks.length - 1];
        int plotW = WIDTH - left - right;
        StringBuilder s = open(id, title, desc, h);
        axisX(s, ticks, left, plotW, top + rowH * bars.size() + 4, 0, hi);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + rowH * i;
            double w = plotW * b.value() / hi;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                    left - 8, y + 16, esc(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", left, y + 4,
                    Math.max(w, 1), rowH - 8, b.highlighted() ? ALERT : INK));
        }
        if (threshold != null) {
            double x = left + plotW * threshold / hi;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                    x, top - 4, x, top + rowH * bars.size(), AXIS));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    x, top - 8, AXIS, esc(thresholdLabel)));
        }
        return s.append("</svg>").toString();
    }

    /** Vertical stacked bars, one per category, with a legend. */
    public static String stackedBars(String id, String title, String desc, List<String> categories, List<Series> series, String xLabel) {
        int left = 50;
        int top = 30;
        int plotH = 170;
        int h = top + plotH + 50;
        double max = 0;
        for (int i = 0; i < categories.size(); i++) {
            double t = 0;
            for (Series sr : series) {
                t += sr.values()[i];
            }
            max = Math.max(max, t);
        }
        double[] ticks = ticks(0, max);
        double hi = ticks[ticks.length - 1];
        int plotW = WIDTH - left - 20;
        StringBuilder s = open(id, title, desc, h);
        for (double t : ticks) {
            double y = top + plotH - plotH * t / hi;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e7ec\"/>", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    left - 6, y + 4, AXIS, fmt(t)));
        }
        double slot = (double) plotW / Math.max(1, categories.size());
        double bw = Math.min(40, slot * 0.7);
        for (int i = 0; i < categories.size(); i++) {
            double x = left + slot * i + (slot - bw) / 2;
            double base = top + plotH;
            for (Series sr : series) {
                double hh = plotH * sr.values()[i] / hi;
                if (hh > 0) {
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                            x, base - hh, bw, hh, sr.colour()));
                }
                base -= hh;
            }
            if (categories.size() <= 30 || i % Math.ceil(categories.size() / 30.0) == 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                        x + bw / 2, top + plotH + 14, AXIS, esc(categories.get(i))));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                left + plotW / 2, top + plotH + 30, AXIS, esc(xLabel)));
        int lx = left;
        for (Series sr : series) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx, sr.colour()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"17\" font-size=\"11\" fill=\"#222\">%s</text>", lx + 14, esc(sr.name())));
            lx += 24 + 7 * sr.name().length();
        }
        return s.append("</svg>").toString();
    }

    /** A step line of a cumulative quantity over successive points, with an optional cap line. */
    public static String cumulative(String id, String title, String desc, List<String> labels, double[] values, Double cap, String capLabel) {
        int left = 50;
        int top = 26;
        int plotH = 170;
        int h = top + plotH + 50;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (cap != null) {
            max = Math.max(max, cap);
        }
        double[] ticks = ticks(0, max);
        double hi = ticks[ticks.length - 1];
        int plotW = WIDTH - left - 30;
        StringBuilder s = open(id, title, desc, h);
        for (double t : ticks) {
            double y = top + plotH - plotH * t / hi;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e7ec\"/>", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    left - 6, y + 4, AXIS, fmt(t)));
        }
        int n = values.length;
        double step = n <= 1 ? 0 : (double) plotW / (n - 1);
        StringBuilder path = new StringBuilder();
        List<String> dots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = n <= 1 ? left + plotW / 2.0 : left + step * i;
            double y = top + plotH - plotH * values[i] / hi;
            if (i == 0) {
                path.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
            } else {
                double py = top + plotH - plotH * values[i - 1] / hi;
                path.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x, py, x, y));
            }
            dots.add(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y, INK));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    x, top + plotH + 14, AXIS, esc(labels.get(i))));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(INK).append("\" stroke-width=\"2\"/>");
        dots.forEach(s::append);
        if (cap != null) {
            double y = top + plotH - plotH * cap / hi;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"5 3\"/>",
                    left, y, left + plotW, y, ALERT));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>",
                    left + plotW, y - 4, ALERT, esc(capLabel)));
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String desc, int h) {
        StringBuilder s = new StringBuilder(2048);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">", id, id, WIDTH, h, WIDTH, h));
        s.append("<title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-d\">").append(esc(desc)).append("</desc>");
        return s;
    }

    private static void axisX(StringBuilder s, double[] ticks, int left, int plotW, int y, double lo, double hi) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", left, y, left + plotW, y, AXIS));
        for (double t : ticks) {
            double x = left + plotW * (t - lo) / (hi - lo);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", x, y, x, y + 4, AXIS));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    x, y + 16, AXIS, fmt(t)));
        }
    }

    /** About five round tick values covering [min, max]; never an empty range. */
    static double[] ticks(double min, double max) {
        if (!(max > min)) {
            max = min + 1;
        }
        double raw = (max - min) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
        double start = Math.floor(min / step) * step;
        double end = Math.ceil(max / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + step * i;
        }
        return t;
    }

    static String fmt(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
