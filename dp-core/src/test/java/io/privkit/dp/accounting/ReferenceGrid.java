package io.privkit.dp.accounting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference (epsilon, delta) grid: the copy in this module's test resources (provenance in its
 * header), and optionally the full grid beside the project when present.
 */
final class ReferenceGrid {
    private ReferenceGrid() {
    }

    /** One row; NaN for a blank cell. */
    record Row(String kind, String mechanism, double sigma, double laplaceScale, double q, long steps, double delta,
               double epsExact, double epsClosedFormBound, double epsRdp, double epsRdpOpacus, double epsPld,
               double epsPrvLower, double epsPrvUpper, String note) {

        DpEvent event() {
            if (mechanism.equals("laplace")) {
                return DpEvent.laplace(laplaceScale).selfComposed(steps);
            }
            DpEvent g = DpEvent.gaussian(sigma);
            return (q == 1.0 ? g : g.poissonSampled(q)).selfComposed(steps);
        }

        /** The better (smaller) of dp_accounting's and Opacus's RDP epsilons. */
        double bestReferenceRdp() {
            return Double.isNaN(epsRdpOpacus) ? epsRdp : Math.min(epsRdp, epsRdpOpacus);
        }

        @Override
        public String toString() {
            return kind + "(sigma=" + sigma + ", b=" + laplaceScale + ", q=" + q + ", T=" + steps + ", delta=" + delta + ")";
        }
    }

    /** The module's own copy. */
    static List<Row> bundled() {
        var in = ReferenceGrid.class.getResourceAsStream("epsilons.csv");
        if (in == null) {
            throw new IllegalStateException("test resource epsilons.csv is missing");
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The full grid beside the project (shared/refs/dp/epsilons.csv in an ancestor folder), if present. */
    static Optional<Path> fullGridFile() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path f = dir.resolve("shared/refs/dp/epsilons.csv");
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static List<Row> read(Path file) {
        try {
            return parse(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> parse(Reader reader) {
        try (BufferedReader r = new BufferedReader(reader)) {
            String line;
            String[] header = null;
            List<Row> rows = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = splitCsv(line);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(new Row(m.get("kind"), m.get("mechanism"), num(m, "sigma"), num(m, "laplace_scale"), num(m, "q"),
                        Long.parseLong(m.get("steps")), num(m, "delta"), num(m, "eps_exact"), num(m, "eps_closed_form_bound"),
                        num(m, "eps_rdp"), num(m, "eps_rdp_opacus_alphas"), num(m, "eps_pld"), num(m, "eps_prv_lower"),
                        num(m, "eps_prv_upper"), m.get("note")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(Map<String, String> m, String k) {
        String v = m.get(k);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        return v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    }

    private static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
