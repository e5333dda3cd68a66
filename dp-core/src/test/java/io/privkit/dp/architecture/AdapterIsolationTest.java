package io.privkit.dp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DL4J, ND4J and Tribuo are optional dependencies of dp-core: a user who only wants noise,
 * accounting or the ledger must not need them on the class path. So no class outside the adapter
 * packages {@code io.privkit.dp.sgd.dl4j} and {@code io.privkit.dp.sgd.tribuo} may refer to them,
 * or to the adapter packages themselves.
 *
 * <p>The check reads the compiled classes: a class file names every class it refers to in its
 * constant pool (internal form, e.g. {@code org/nd4j/linalg/api/ndarray/INDArray}), so a byte
 * search finds imports and fully qualified uses alike. The sibling test shows the search finds
 * such references where they are allowed.
 */
class AdapterIsolationTest {
    private static final Path CLASSES = Path.of("target", "classes", "io", "privkit", "dp");
    private static final List<String> ADAPTER_ONLY = List.of(
            "org/deeplearning4j/", "org/nd4j/", "org/tribuo/", "com/oracle/labs/mlrg/olcut/",
            "io/privkit/dp/sgd/dl4j/", "io/privkit/dp/sgd/tribuo/");

    private static List<Path> classes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static List<String> references(Path classFile) throws IOException {
        String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (String prefix : ADAPTER_ONLY) {
            if (bytes.contains(prefix)) {
                found.add(prefix);
            }
        }
        return found;
    }

    private static boolean inAdapter(Path classFile) {
        Path rel = CLASSES.relativize(classFile);
        return rel.startsWith(Path.of("sgd", "dl4j")) || rel.startsWith(Path.of("sgd", "tribuo"));
    }

    @Test
    void corePackages_neverReferToDl4jNd4jTribuoOrTheAdapters() throws IOException {
        List<Path> all = classes(CLASSES);
        assertTrue(all.size() > 20, "compiled classes found under " + CLASSES.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        for (Path c : all) {
            if (!inAdapter(c)) {
                List<String> refs = references(c);
                if (!refs.isEmpty()) {
                    violations.add(CLASSES.relativize(c) + " refers to " + refs);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void references_adapterClasses_areFound() throws IOException {
        List<Path> dl4j = classes(CLASSES.resolve(Path.of("sgd", "dl4j")));
        List<Path> tribuo = classes(CLASSES.resolve(Path.of("sgd", "tribuo")));
        assertTrue(dl4j.stream().anyMatch(c -> {
            try {
                return references(c).contains("org/nd4j/");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), "the search finds ND4J references in the DL4J adapter");
        assertTrue(tribuo.stream().anyMatch(c -> {
            try {
                return references(c).contains("org/tribuo/");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), "the search finds Tribuo references in the Tribuo adapter");
    }
}
