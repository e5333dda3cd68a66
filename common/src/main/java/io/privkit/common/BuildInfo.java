package io.privkit.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Privkit produced a result: the version from the build, and the SHA-256 of the jar the
 * code was loaded from. Evidence records stamp both into their {@code generator} field, so a DPIA
 * reader can tell exactly which build computed a figure.
 *
 * <p>The jar digest is computed once per jar and cached. It is empty when the code was not loaded
 * from a jar file (a classes folder in an IDE or a test run), because a folder has no single digest.
 *
 * <p>Thread-safe.
 */
public final class BuildInfo {
    private static final String VERSION_RESOURCE = "/io/privkit/common/privkit-version.properties";
    private static final ConcurrentHashMap<Path, Sha256> JAR_DIGESTS = new ConcurrentHashMap<>();
    private static volatile String version;

    private BuildInfo() {
    }

    /** The Privkit version this build carries, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        String v = version;
        if (v == null) {
            v = readVersion();
            version = v;
        }
        return v;
    }

    /** SHA-256 of the jar {@code type} was loaded from, or empty when it was not loaded from a jar. */
    public static Optional<Sha256> codeDigest(Class<?> type) {
        Checks.requireNonNull(type, "type");
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(JAR_DIGESTS.computeIfAbsent(path, p -> Fingerprint.of(p).sha256()));
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown").strip();
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + VERSION_RESOURCE, e);
        }
    }
}
