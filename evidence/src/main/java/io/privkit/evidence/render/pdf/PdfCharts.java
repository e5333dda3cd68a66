package io.privkit.evidence.render.pdf;

import io.privkit.evidence.render.html.Svg;
import java.awt.Color;
import java.io.IOException;
import java.util.List;

/**
 * The report's charts drawn as PDF vector graphics, from the same {@link io.privkit.evidence.render.ChartData}
 * as the HTML's SVG. Stateless.
 */
final class PdfCharts {
    private static final Color INK = new Color(0x1f, 0x3b, 0x63);
    private static final Color ALERT = new Color(0xb3, 0x26, 0x1e);
    private static final Color GRID = new Color(0xe3, 0xe7, 0xec);

    private PdfCharts() {
    }

    static void dotWhisker(PdfLayout l, List<Svg.Point> points, Double reference) throws IOException {
        float row = 16;
        float left = l.MARGIN + 120;
        float w = l.width() - 140;
        float h = row * points.size() + 26;
        l.ensure(h + 10);
        double min = 0;
        double max = 0;
        for (Svg.Point p : points) {
            max = Math.max(max, p.upper() != null ? p.upper() : p.value());
            min = Math.min(min, p.lower() != null ? p.lower() : p.value());
        }
        if (reference != null) {
            max = Math.max(max, reference);
        }
        double[] t = ticks(min, max);
        double lo = t[0];
        double hi = t[t.length - 1];
        float top = l.y - 6;
        axis(l, t, left, w, top - row * points.size() - 4, lo, hi);
        if (reference != null) {
            float x = (float) (left + w * (reference - lo) / (hi - lo));
            line(l, x, top, x, top - row * points.size(), Color.GRAY, 0.7f);
        }
        for (int i = 0; i < points.size(); i++) {
            Svg.Point p = points.get(i);
            float yy = top - row * i - row / 2;
            l.text(l.MARGIN, yy - 3, p.label(), l.regular, 8, PdfLayout.INK);
            if (p.lower() != null) {
                float x1 = (float) (left + w * (p.lower() - lo) / (hi - lo));
                float x2 = (float) (left + w * (p.upper() - lo) / (hi - lo));
                line(l, x1, yy, x2, yy, INK, 1.4f);
                line(l, x1, yy - 4, x1, yy + 4, INK, 1f);
                line(l, x2, yy - 4, x2, yy + 4, INK, 1f);
            }
            float x = (float) (left + w * (p.value() - lo) / (hi - lo));
            l.cs.setNonStrokingColor(INK);
            circle(l, x, yy, 3.2f);
        }
        l.y -= h + 8;
    }

    static void bars(PdfLayout l, List<Svg.Bar> bars, Double threshold) throws IOException {
        float row = 15;
        float left = l.MARGIN + 120;
        float w = l.width() - 140;
        float h = row * bars.size() + 26;
        l.ensure(h + 10);
        double max = 0;
        for (Svg.Bar b : bars) {
            max = Math.max(max, b.value());
        }
        if (threshold != null) {
            max = Math.max(max, threshold);
        }
        double[] t = ticks(0, max);
        double hi = t[t.length - 1];
        float top = l.y - 6;
        axis(l, t, left, w, top - row * bars.size() - 4, 0, hi);
        for (int i = 0; i < bars.size(); i++) {
            Svg.Bar b = bars.get(i);
            float yy = top - row * (i + 1);
            l.text(l.MARGIN, yy + 4, b.label(), l.regular, 8, PdfLayout.INK);
            l.cs.setNonStrokingColor(b.highlighted() ? ALERT : INK);
            l.cs.addRect(left, yy + 2, (float) Math.max(1, w * b.value() / hi), row - 5);
            l.cs.fill();
        }
        if (threshold != null) {
            float x = (float) (left + w * threshold / hi);
            line(l, x, top + 2, x, top - row * bars.size(), Color.DARK_GRAY, 0.8f);
        }
        l.y -= h + 8;
    }

    static void stacked(PdfLayout l, List<String> cats, List<double[]> series, List<Color> colours, List<String> names) throws IOException {
        float plotH = 110;
        float left = l.MARGIN + 30;
        float w = l.width() - 40;
        l.ensure(plotH + 50);
        double max = 0;
        for (int i = 0; i < cats.size(); i++) {
            double s = 0;
            for (double[] v : series) {
                s += v[i];
            }
            max = Math.max(max, s);
        }
        double[] t = ticks(0, max);
        double hi = t[t.length - 1];
        float top = l.y - 18;
        float bottom = top - plotH;
        for (double v : t) {
            float yy = (float) (bottom + plotH * v / hi);
            line(l, left, yy, left + w, yy, GRID, 0.5f);
            l.text(l.MARGIN, yy - 3, fmt(v), l.regular, 7, PdfLayout.MUTED);
        }
        float slot = w / Math.max(1, cats.size());
        float bw = Math.min(24, slot * 0.7f);
        for (int i = 0; i < cats.size(); i++) {
            float x = left + slot * i + (slot - bw) / 2;
            float base = bottom;
            for (int s = 0; s < series.size(); s++) {
                float hh = (float) (plotH * series.get(s)[i] / hi);
                if (hh > 0) {
                    l.cs.setNonStrokingColor(colours.get(s));
                    l.cs.addRect(x, base, bw, hh);
                    l.cs.fill();
                }
                base += hh;
            }
            if (cats.size() <= 30 || i % (int) Math.ceil(cats.size() / 30.0) == 0) {
                l.text(x, bottom - 10, cats.get(i), l.regular, 7, PdfLayout.MUTED);
            }
        }
        float lx = left;
        for (int s = 0; s < names.size(); s++) {
            l.cs.setNonStrokingColor(colours.get(s));
            l.cs.addRect(lx, top + 6, 8, 8);
            l.cs.fill();
            l.text(lx + 11, top + 7, names.get(s), l.regular, 7.5f, PdfLayout.INK);
            lx += 20 + l.textWidth(names.get(s), l.regular, 7.5f);
        }
        l.y = bottom - 24;
    }

    static void cumulative(PdfLayout l, List<String> labels, double[] values, Double cap) throws IOException {
        float plotH = 110;
        float left = l.MARGIN + 30;
        float w = l.width() - 40;
        l.ensure(plotH + 40);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (cap != null) {
            max = Math.max(max, cap);
        }
        double[] t = ticks(0, max);
        double hi = t[t.length - 1];
        float top = l.y - 8;
        float bottom = top - plotH;
        for (double v : t) {
            float yy = (float) (bottom + plotH * v / hi);
            line(l, left, yy, left + w, yy, GRID, 0.5f);
            l.text(l.MARGIN, yy - 3, fmt(v), l.regular, 7, PdfLayout.MUTED);
        }
        int n = values.length;
        float step = n <= 1 ? 0 : w / (n - 1);
        float px = 0;
        float py = 0;
        for (int i = 0; i < n; i++) {
            float x = n <= 1 ? left + w / 2 : left + step * i;
            float yy = (float) (bottom + plotH * values[i] / hi);
            if (i > 0) {
                line(l, px, py, x, py, INK, 1.5f);
                line(l, x, py, x, yy, INK, 1.5f);
            }
            l.cs.setNonStrokingColor(INK);
            circle(l, x, yy, 2.8f);
            l.text(x - 18, bottom - 10, labels.get(i), l.regular, 7, PdfLayout.MUTED);
            px = x;
            py = yy;
        }
        if (cap != null) {
            float yy = (float) (bottom + plotH * cap / hi);
            line(l, left, yy, left + w, yy, ALERT, 1f);
            l.text(left + w - 40, yy + 3, "budget", l.regular, 7, ALERT);
        }
        l.y = bottom - 22;
    }

    private static void axis(PdfLayout l, double[] t, float left, float w, float yy, double lo, double hi) throws IOException {
        line(l, left, yy, left + w, yy, Color.GRAY, 0.6f);
        for (double v : t) {
            float x = (float) (left + w * (v - lo) / (hi - lo));
            line(l, x, yy, x, yy - 3, Color.GRAY, 0.6f);
            l.text(x - 6, yy - 11, fmt(v), l.regular, 7, PdfLayout.MUTED);
        }
    }

    private static void line(PdfLayout l, float x1, float y1, float x2, float y2, Color c, float width) throws IOException {
        l.cs.setStrokingColor(c);
        l.cs.setLineWidth(width);
        l.cs.moveTo(x1, y1);
        l.cs.lineTo(x2, y2);
        l.cs.stroke();
    }

    private static void circle(PdfLayout l, float cx, float cy, float r) throws IOException {
        float k = 0.5523f * r;
        l.cs.moveTo(cx + r, cy);
        l.cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        l.cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        l.cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        l.cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        l.cs.fill();
    }

    private static double[] ticks(double min, double max) {
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

    private static String fmt(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
