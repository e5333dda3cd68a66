package io.privkit.drift.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the golden fixtures from test resources (see golden/README.md for their provenance). */
public final class Golden {
    private static final String BASE = "/io/privkit/drift/golden/";

    private Golden() {
    }

    public static JsonNode json(String name) {
        try (InputStream in = Golden.class.getResourceAsStream(BASE + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw cells of a one-column CSV with a header ("" for a missing value). */
    public static List<String> cells(String file) {
        try (InputStream in = Golden.class.getResourceAsStream(BASE + file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Numeric values with missing cells dropped. */
    public static double[] numbers(String file) {
        return cells(file).stream().filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    public static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    public static long[] longs(JsonNode node) {
        long[] a = new long[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asLong();
        }
        return a;
    }
}
