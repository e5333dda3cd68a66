package io.privkit.evidence.render.pdf;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A small flowing-layout engine over PDFBox: headings, wrapped paragraphs, monospaced blocks and
 * tables with repeated headers, on A4 pages with a running footer. Fonts are DejaVu (embedded as
 * subsets), so Greek letters and arrows print. Not thread-safe: one per document.
 */
final class PdfLayout implements AutoCloseable {
    static final float MARGIN = 48;
    static final PDRectangle SIZE = PDRectangle.A4;
    static final Color INK = new Color(0x1b, 0x1f, 0x24);
    static final Color MUTED = new Color(0x5b, 0x65, 0x70);
    static final Color LINE = new Color(0xd5, 0xdb, 0xe1);
    static final Color HEAD = new Color(0xf2, 0xf5, 0xf8);

    final PDDocument doc;
    final PDFont regular;
    final PDFont bold;
    final PDFont mono;
    private final String footer;
    private final Map<PDFont, Map<Integer, Boolean>> glyphs = new HashMap<>();
    PDPageContentStream cs;
    float y;
    int pages;

    PdfLayout(PDDocument doc, String footer) {
        this.doc = doc;
        this.footer = footer;
        this.regular = font("DejaVuSans.ttf");
        this.bold = font("DejaVuSans-Bold.ttf");
        this.mono = font("DejaVuSansMono.ttf");
    }

    private PDFont font(String name) {
        try (InputStream in = PdfLayout.class.getResourceAsStream("fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The font " + name + " is missing from the classpath");
            }
            return PDType0Font.load(doc, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        pages++;
        cs = new PDPageContentStream(doc, page);
        y = SIZE.getHeight() - MARGIN;
        text(MARGIN, 24, footer + "  ·  page " + pages, regular, 7.5f, MUTED);
    }

    void ensure(float h) throws IOException {
        if (cs == null || y - h < MARGIN) {
            newPage();
        }
    }

    void heading(String s, int level) throws IOException {
        float size = level == 1 ? 18 : level == 2 ? 13.5f : 11;
        ensure(size * 3.2f);
        y -= level == 1 ? 4 : 12;
        for (String line : wrap(s, bold, size, width())) {
            y -= size * 1.25f;
            text(MARGIN, y, line, bold, size, INK);
        }
        if (level == 2) {
            y -= 4;
            cs.setStrokingColor(LINE);
            cs.setLineWidth(1f);
            cs.moveTo(MARGIN, y);
            cs.lineTo(MARGIN + width(), y);
            cs.stroke();
        }
        y -= 6;
    }

    void paragraph(String s, PDFont f, float size, Color c) throws IOException {
        for (String line : wrap(s, f, size, width())) {
            ensure(size * 1.4f);
            y -= size * 1.35f;
            text(MARGIN, y, line, f, size, c);
        }
        y -= size * 0.5f;
    }

    void paragraph(String s) throws IOException {
        paragraph(s, regular, 9.5f, INK);
    }

    void bullets(List<String> items) throws IOException {
        for (String s : items) {
            List<String> lines = wrap(s, regular, 9.5f, width() - 12);
            for (int i = 0; i < lines.size(); i++) {
                ensure(13);
                y -= 12.8f;
                if (i == 0) {
                    text(MARGIN, y, "•", regular, 9.5f, INK);
                }
                text(MARGIN + 12, y, lines.get(i), regular, 9.5f, INK);
            }
        }
        y -= 4;
    }

    void monoBlock(String s) throws IOException {
        for (String raw : s.split("\n", -1)) {
            for (String line : wrap(raw.isEmpty() ? " " : raw, mono, 7.2f, width())) {
                ensure(10);
                y -= 9.4f;
                text(MARGIN, y, line, mono, 7.2f, INK);
            }
        }
        y -= 6;
    }

    /** A table with a caption and header row; columns sized by relative weights. */
    void table(String caption, List<String> head, List<List<String>> rows, float[] weights) throws IOException {
        float size = 8f;
        float pad = 3;
        float total = 0;
        for (float w : weights) {
            total += w;
        }
        float[] cw = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            cw[i] = width() * weights[i] / total;
        }
        boolean hasHead = head.stream().anyMatch(x -> !x.isBlank());
        List<String> captionLines = wrap(caption, bold, 8.5f, width());
        float first = rows.isEmpty() ? 0 : rowHeight(rows.get(0), cw, size, pad, false);
        ensure(11 * captionLines.size() + 4 + (hasHead ? rowHeight(head, cw, size, pad, true) : 0) + Math.min(first, 200));
        for (String line : captionLines) {
            y -= 11;
            text(MARGIN, y, line, bold, 8.5f, MUTED);
        }
        y -= 4;
        if (hasHead) {
            row(head, cw, size, pad, true);
        }
        for (List<String> r : rows) {
            float h = rowHeight(r, cw, size, pad, false);
            if (y - h < MARGIN) {
                newPage();
                if (hasHead) {
                    row(head, cw, size, pad, true);
                }
            }
            row(r, cw, size, pad, false);
        }
        y -= 8;
    }

    private float rowHeight(List<String> cells, float[] cw, float size, float pad, boolean header) throws IOException {
        int lines = 1;
        for (int i = 0; i < cw.length; i++) {
            String s = i < cells.size() ? cells.get(i) : "";
            lines = Math.max(lines, wrap(s, header || i == 0 ? bold : regular, size, cw[i] - 2 * pad).size());
        }
        return lines * size * 1.3f + 2 * pad;
    }

    private void row(List<String> cells, float[] cw, float size, float pad, boolean header) throws IOException {
        float h = rowHeight(cells, cw, size, pad, header);
        ensure(h);
        float x = MARGIN;
        if (header) {
            cs.setNonStrokingColor(HEAD);
            cs.addRect(MARGIN, y - h, width(), h);
            cs.fill();
        }
        cs.setStrokingColor(LINE);
        cs.setLineWidth(0.6f);
        for (int i = 0; i < cw.length; i++) {
            cs.addRect(x, y - h, cw[i], h);
            cs.stroke();
            String s = i < cells.size() ? cells.get(i) : "";
            PDFont f = header || i == 0 ? bold : regular;
            float ty = y - pad;
            for (String line : wrap(s, f, size, cw[i] - 2 * pad)) {
                ty -= size * 1.3f;
                text(x + pad, ty + size * 0.3f, line, f, size, INK);
            }
            x += cw[i];
        }
        y -= h;
    }

    void text(float x, float ty, String s, PDFont f, float size, Color c) throws IOException {
        cs.beginText();
        cs.setFont(f, size);
        cs.setNonStrokingColor(c);
        cs.newLineAtOffset(x, ty);
        cs.showText(safe(s, f));
        cs.endText();
    }

    float textWidth(String s, PDFont f, float size) throws IOException {
        return f.getStringWidth(safe(s, f)) / 1000f * size;
    }

    /** Replaces characters the font cannot draw with '?'. */
    String safe(String s, PDFont f) {
        StringBuilder sb = new StringBuilder(s.length());
        Map<Integer, Boolean> cache = glyphs.computeIfAbsent(f, k -> new HashMap<>());
        s.codePoints().forEach(cp -> {
            if (cp == '\t') {
                sb.append("    ");
                return;
            }
            boolean ok = cache.computeIfAbsent(cp, k -> {
                try {
                    f.encode(new String(Character.toChars(k)));
                    return !Character.isISOControl(k);
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            sb.append(ok ? new String(Character.toChars(cp)) : "?");
        });
        return sb.toString();
    }

    /** Greedy word wrap; words longer than the width are broken. */
    List<String> wrap(String s, PDFont f, float size, float maxWidth) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : s.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ", -1)) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (textWidth(candidate, f, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String w = word;
                while (textWidth(w, f, size) > maxWidth && w.length() > 1) {
                    int cut = w.length() - 1;
                    while (cut > 1 && textWidth(w.substring(0, cut), f, size) > maxWidth) {
                        cut--;
                    }
                    out.add(w.substring(0, cut));
                    w = w.substring(cut);
                }
                line.append(w);
            }
            out.add(line.toString());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }
}
