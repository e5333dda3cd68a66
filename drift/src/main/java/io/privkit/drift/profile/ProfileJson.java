package io.privkit.drift.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.AtomicFiles;
import io.privkit.common.DataFormatException;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.drift.test.Binning;
import io.privkit.evidence.DriftEvidence.FeatureRole;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes {@link TableProfile}s as JSON ({@code "format": "privkit-drift-profile"},
 * version 1). Doubles are written in their shortest round-trip form, so a profile read back is
 * bit-for-bit the one written; KLL sketches are stored as their DataSketches serialisation in
 * base64, so every sketch-based number can be recomputed from the stored bytes. Writes are atomic.
 * Stateless and thread-safe.
 */
public final class ProfileJson {
    /** The format name. */
    public static final String FORMAT = "privkit-drift-profile";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {
    }

    /** Whether a file looks like a stored profile (a JSON object naming the format). */
    public static boolean isProfile(Path file) {
        try {
            byte[] head = new byte[256];
            int len;
            try (var in = Files.newInputStream(file)) {
                len = in.readNBytes(head, 0, head.length);
            }
            String s = new String(head, 0, len, java.nio.charset.StandardCharsets.UTF_8);
            return s.stripLeading().startsWith("{") && s.contains(FORMAT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a profile atomically. */
    public static void write(TableProfile p, Path file) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(tree(p)));
    }

    /** The profile as a JSON tree. */
    public static ObjectNode tree(TableProfile p) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("source", p.source());
        if (p.sha256() != null) {
            root.put("sha256", p.sha256());
        }
        root.put("sizeBytes", p.sizeBytes());
        root.put("rows", p.rows());
        ArrayNode cols = root.putArray("columns");
        for (TableProfile.ColumnProfile c : p.columns().values()) {
            ObjectNode n = cols.addObject();
            n.put("name", c.spec().name());
            n.put("type", c.spec().type().name().toLowerCase(Locale.ROOT));
            n.put("role", c.spec().role().name().toLowerCase(Locale.ROOT));
            if (c.numeric() != null) {
                NumericProfile q = c.numeric();
                n.put("n", q.count());
                n.put("missing", q.missing());
                n.put("nonFinite", q.nonFinite());
                if (q.count() > 0) {
                    n.put("mean", q.mean());
                    n.put("m2", q.m2());
                    n.put("min", q.min());
                    n.put("max", q.max());
                }
                n.put("binsRequested", q.coarse().requestedBins());
                n.put("binsDuplicatesDropped", q.coarse().droppedDuplicates());
                doubles(n.putArray("binEdges"), q.coarse().edges());
                longs(n.putArray("binCounts"), q.coarseCounts());
                doubles(n.putArray("fineEdges"), q.fineEdges());
                longs(n.putArray("fineCounts"), q.fineCounts());
                if (q.sketch() != null) {
                    n.put("kll", Base64.getEncoder().encodeToString(q.sketch().toByteArray()));
                }
            } else {
                CategoricalProfile q = c.categorical();
                n.put("missing", q.missing());
                n.put("cap", q.cap());
                n.put("other", q.other());
                ObjectNode counts = n.putObject("counts");
                q.counts().forEach(counts::put);
            }
        }
        ObjectNode ex = root.putObject("excluded");
        p.excluded().forEach(ex::put);
        return root;
    }

    private static void doubles(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }

    private static void longs(ArrayNode a, long[] v) {
        for (long d : v) {
            a.add(d);
        }
    }

    /**
     * Reads a profile.
     *
     * @throws DataFormatException naming the file when it is not a valid profile
     */
    public static TableProfile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(file, 0, null, "a stored profile must be valid JSON; got: " + e.getOriginalMessage()
                    + ". Rebuild it with 'privkit drift profile'.", e);
        }
        try {
            if (root == null || !FORMAT.equals(text(root, "format"))) {
                throw new IllegalArgumentException("the file must be a Privkit drift profile (\"format\": \"" + FORMAT
                        + "\"); got something else. Write one with 'privkit drift profile'.");
            }
            if (root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("profile version must be 1; got " + root.path("version")
                        + ". Rebuild the profile with this version of Privkit.");
            }
            Map<String, TableProfile.ColumnProfile> cols = new LinkedHashMap<>();
            for (JsonNode n : root.path("columns")) {
                String name = text(n, "name");
                FeatureType type = FeatureType.valueOf(text(n, "type").toUpperCase(Locale.ROOT));
                FeatureRole role = FeatureRole.valueOf(text(n, "role").toUpperCase(Locale.ROOT));
                ColumnSpec spec = new ColumnSpec(name, type, role, ColumnSpec.Handling.CHECK, null);
                if (type == FeatureType.NUMERIC) {
                    long cnt = n.path("n").asLong();
                    Binning b = new Binning(array(n.path("binEdges")), n.path("binsRequested").asInt(), n.path("binsDuplicatesDropped").asInt());
                    byte[] kll = n.has("kll") ? Base64.getDecoder().decode(text(n, "kll")) : null;
                    NumericProfile q = NumericProfile.restore(b, array(n.path("fineEdges")), longArray(n.path("binCounts")),
                            longArray(n.path("fineCounts")), cnt, cnt > 0 ? n.path("mean").asDouble() : 0,
                            cnt > 0 ? n.path("m2").asDouble() : 0, cnt > 0 ? n.path("min").asDouble() : Double.POSITIVE_INFINITY,
                            cnt > 0 ? n.path("max").asDouble() : Double.NEGATIVE_INFINITY, n.path("missing").asLong(),
                            n.path("nonFinite").asLong(), kll);
                    cols.put(name, new TableProfile.ColumnProfile(spec, q, null));
                } else {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : n.path("counts").properties()) {
                        counts.put(e.getKey(), e.getValue().asLong());
                    }
                    CategoricalProfile q = CategoricalProfile.restore(n.path("cap").asInt(CategoricalProfile.DEFAULT_CAP), counts,
                            n.path("other").asLong(), n.path("missing").asLong());
                    cols.put(name, new TableProfile.ColumnProfile(spec, null, q));
                }
            }
            Map<String, String> excluded = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("excluded").properties()) {
                excluded.put(e.getKey(), e.getValue().asText());
            }
            return new TableProfile(text(root, "source"), text(root, "sha256"), root.path("sizeBytes").asLong(-1),
                    root.path("rows").asLong(), cols, excluded);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataFormatException(file, 0, null, e.getMessage() == null ? "the profile is malformed; rebuild it with 'privkit drift profile'."
                    : e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double[] array(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static long[] longArray(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }
}
