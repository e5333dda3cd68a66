package io.privkit.fairness.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.metrics.ConfusionCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The golden COMPAS reference values, copied into the test resources with their provenance
 * ({@code golden/compas-reference.json}, header block "provenance"), and helpers to compare with
 * them. The COMPAS rows themselves are an optional extra: {@link #compasCsv()} finds them beside
 * the project when present.
 */
public final class Golden {
    /** Rates, differences, ratios and exact-arithmetic limits. */
    public static final double EXACT = 1e-12;
    /** Special-function results (Beta quantiles, p-values): relative. */
    public static final double RELATIVE = 1e-9;

    private static JsonNode root;

    private Golden() {
    }

    /** The whole reference document. */
    public static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = Golden.class.getResourceAsStream("/io/privkit/fairness/golden/compas-reference.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** A group case by id. */
    public static JsonNode groupCase(String id) {
        for (JsonNode c : root().get("group_cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no group case " + id);
    }

    /** An AIF360 case by id. */
    public static JsonNode aifCase(String id) {
        for (JsonNode c : root().get("aif360_cases")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no aif360 case " + id);
    }

    /** The confusion counts of a JSON {@code counts} object. */
    public static ConfusionCounts counts(JsonNode counts) {
        return new ConfusionCounts(counts.get("tp").asLong(), counts.get("fp").asLong(), counts.get("tn").asLong(),
                counts.get("fn").asLong());
    }

    /** By-group counts of a group case, keyed by the case's group key, in file order. */
    public static Map<String, ConfusionCounts> byGroupCounts(String caseId) {
        Map<String, ConfusionCounts> out = new LinkedHashMap<>();
        for (JsonNode g : groupCase(caseId).get("by_group")) {
            out.put(g.get("key").asText(), counts(g.get("counts")));
        }
        return out;
    }

    /** Field names of an object. */
    public static List<String> fields(JsonNode object) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Asserts |actual - expected| <= tolerance, naming what. */
    public static void close(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + ", got " + actual);
    }

    /** Asserts a relative match for special-function results. */
    public static void relative(double expected, double actual, String what) {
        if (expected == 0) {
            assertEquals(0.0, actual, 1e-300, what);
            return;
        }
        if (Math.abs(expected) < 1e-250) {
            assertTrue(Math.abs(actual) < 1e-250, what + ": expected below 1e-250, got " + actual);
            return;
        }
        assertTrue(Math.abs(actual / expected - 1) <= RELATIVE, what + ": expected " + expected + ", got " + actual
                + " (relative error " + Math.abs(actual / expected - 1) + ")");
    }

    /** Asserts an estimate equals the JSON value: defined within tolerance, or undefined when null. */
    public static void matches(JsonNode expected, Estimate actual, double tolerance, String what) {
        assertNotNull(actual, what);
        if (expected == null || expected.isNull()) {
            assertNull(actual.value(), what + ": expected undefined, got " + actual.value());
            assertNotNull(actual.undefinedReason(), what);
        } else {
            assertNotNull(actual.value(), what + ": expected " + expected.asDouble() + ", got undefined (" + actual.undefinedReason() + ")");
            close(expected.asDouble(), actual.value(), tolerance, what);
        }
    }

    /** Asserts a possibly-undefined double (NaN = undefined) equals the JSON value. */
    public static void matches(JsonNode expected, double actual, double tolerance, String what) {
        if (expected == null || expected.isNull()) {
            assertTrue(Double.isNaN(actual), what + ": expected undefined, got " + actual);
        } else {
            close(expected.asDouble(), actual, tolerance, what);
        }
    }

    /** The COMPAS extract (optional extra), when present beside the project. */
    public static Optional<Path> compasCsv() {
        return shared("compas-two-years.min.csv");
    }

    /** A file of the shared fairness reference folder, when present beside the project. */
    public static Optional<Path> shared(String file) {
        String configured = System.getProperty("privkit.fairness.refs");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared").resolve("refs").resolve("fairness"));
        }
        return candidates.stream().map(c -> c.resolve(file)).filter(Files::isRegularFile).findFirst();
    }
}
