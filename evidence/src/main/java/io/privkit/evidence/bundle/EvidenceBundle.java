package io.privkit.evidence.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.common.Fingerprint;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.Generator;
import io.privkit.evidence.SchemaVersion;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An evidence bundle: a folder holding evidence records ({@code records/<type>-<id>.json}), a
 * human summary ({@code README.md}), a {@code SHA256SUMS} file for checking with
 * {@code sha256sum -c} alone, and {@code manifest.json}, which lists every other file with its
 * SHA-256 digest and size.
 *
 * <p><b>Writing</b> ({@link #writer()}) is all or nothing: the folder is filled under a temporary
 * name and renamed into place, so a reader never sees a half-written bundle, and a failed write
 * leaves an existing bundle untouched. A folder that exists and is not a bundle is never replaced.
 *
 * <p><b>Checking</b> ({@link #check(Path)}) reports every problem: a missing or malformed manifest,
 * a listed file that is missing or whose size or digest differs, a file that is not listed, a
 * record that is not valid, a record whose id, type or verdict disagrees with the manifest.
 *
 * <p>What the manifest does not do on its own: someone who rewrites a record and the manifest
 * together is not detected. Signatures over the manifest close that gap: a {@link Sealer} (the
 * report package's signer) adds a signed in-toto statement over every file, in
 * {@link #SEAL_FILES}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EvidenceBundle {
    /** The summary file's name. */
    public static final String README = "README.md";
    /** The checksum file's name, in {@code sha256sum} format. */
    public static final String SHA256SUMS = "SHA256SUMS";
    /**
     * Files a {@link Sealer} may add: they sign the manifest and every other file, so they cannot
     * be listed in the manifest themselves. {@link #check} neither requires nor flags them; the
     * signature verifier checks them.
     */
    public static final java.util.Set<String> SEAL_FILES = java.util.Set.of(
            "attestation/statement.intoto.json", "attestation/statement.dsse.json");

    /**
     * Seals a bundle once its manifest is known: returns files (paths from {@link #SEAL_FILES})
     * that cover the manifest and every file, such as a signed in-toto statement.
     */
    @FunctionalInterface
    public interface Sealer {
        /**
         * @param manifest      the manifest
         * @param manifestBytes the manifest's exact bytes
         * @param files         every other file's exact bytes, by path
         * @return seal files by path
         */
        Map<String, byte[]> seal(BundleManifest manifest, byte[] manifestBytes, Map<String, byte[]> files);
    }

    private final Path directory;
    private final BundleManifest manifest;
    private final List<EvidenceRecord> records;

    private EvidenceBundle(Path directory, BundleManifest manifest, List<EvidenceRecord> records) {
        this.directory = directory;
        this.manifest = manifest;
        this.records = List.copyOf(records);
    }

    /** The bundle's folder. */
    public Path directory() {
        return directory;
    }

    /** Its manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Its records, in manifest order. */
    public List<EvidenceRecord> records() {
        return records;
    }

    /** Whether {@code dir} looks like a bundle (it holds a manifest). */
    public static boolean isBundle(Path dir) {
        return Files.isRegularFile(dir.resolve(BundleManifest.FILE_NAME));
    }

    /**
     * Reads and checks a bundle.
     *
     * @throws EvidenceFormatException if any check fails (every problem listed)
     * @throws NoSuchFileException     if the folder does not exist
     * @throws IOException             if a file cannot be read
     */
    public static EvidenceBundle read(Path dir) throws IOException {
        BundleCheck check = check(dir);
        for (BundleProblem p : check.problems()) {
            if (p.kind() == BundleProblem.Kind.UNREADABLE) {
                throw new IOException(dir.resolve(p.path()) + ": " + p.message());
            }
        }
        if (!check.ok()) {
            throw new EvidenceFormatException(dir, check.problems().stream().map(BundleProblem::toString).toList());
        }
        return new EvidenceBundle(dir, check.manifest(), check.records());
    }

    /**
     * Checks a bundle and reports every problem without throwing for content problems.
     *
     * @throws NoSuchFileException if the folder does not exist
     */
    public static BundleCheck check(Path dir) throws IOException {
        Checks.requireNonNull(dir, "bundle");
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder");
        }
        List<BundleProblem> problems = new ArrayList<>();
        Path manifestFile = dir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(manifestFile)) {
            problems.add(new BundleProblem(BundleManifest.FILE_NAME, "missing: this is not a Privkit evidence bundle "
                    + "(a bundle is a folder with a manifest.json, as written by 'privkit demo' or EvidenceBundle.writer())",
                    BundleProblem.Kind.CONTENT));
            return new BundleCheck(dir, null, List.of(), problems);
        }
        BundleManifest manifest;
        try {
            manifest = readManifest(Files.readAllBytes(manifestFile));
        } catch (AccessDeniedException e) {
            problems.add(new BundleProblem(BundleManifest.FILE_NAME, "cannot be read (permission denied)", BundleProblem.Kind.UNREADABLE));
            return new BundleCheck(dir, null, List.of(), problems);
        } catch (EvidenceFormatException e) {
            for (String p : e.problems()) {
                problems.add(new BundleProblem(BundleManifest.FILE_NAME, p, BundleProblem.Kind.CONTENT));
            }
            return new BundleCheck(dir, null, List.of(), problems);
        }

        List<EvidenceRecord> records = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (BundleFile f : manifest.files()) {
            listed.add(f.path());
            Path file = dir.resolve(f.path());
            if (!Files.isRegularFile(file)) {
                problems.add(new BundleProblem(f.path(), "listed in the manifest but missing from the bundle", BundleProblem.Kind.CONTENT));
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                problems.add(new BundleProblem(f.path(), "cannot be read (" + e.getMessage() + ")", BundleProblem.Kind.UNREADABLE));
                continue;
            }
            Fingerprint actual = Fingerprint.of(bytes);
            if (!actual.sha256().equals(f.sha256()) || actual.sizeBytes() != f.sizeBytes()) {
                problems.add(new BundleProblem(f.path(), "SHA-256 " + actual.sha256() + " (" + actual.sizeBytes()
                        + " bytes) does not match the manifest's " + f.sha256() + " (" + f.sizeBytes()
                        + " bytes): the file was changed after the bundle was written", BundleProblem.Kind.CONTENT));
                continue;
            }
            if (f.recordType() != null) {
                try {
                    EvidenceRecord r = EvidenceJson.read(bytes, file);
                    if (!r.recordType().id().equals(f.recordType()) || !r.header().recordId().equals(f.recordId())
                            || r.header().verdict() != f.verdict()) {
                        problems.add(new BundleProblem(f.path(), "record type, id or verdict disagrees with the manifest",
                                BundleProblem.Kind.CONTENT));
                    } else {
                        records.add(r);
                    }
                } catch (EvidenceFormatException e) {
                    for (String p : e.problems()) {
                        problems.add(new BundleProblem(f.path(), p, BundleProblem.Kind.CONTENT));
                    }
                }
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(BundleManifest.FILE_NAME) && !listed.contains(p) && !SEAL_FILES.contains(p))
                    .sorted()
                    .forEach(p -> problems.add(new BundleProblem(p, "is not listed in the manifest: it was added after the bundle was written",
                            BundleProblem.Kind.CONTENT)));
        }
        return new BundleCheck(dir, manifest, records, problems);
    }

    /** Parses and validates a manifest. */
    static BundleManifest readManifest(byte[] bytes) {
        JsonNode tree;
        try {
            tree = CanonicalJson.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new EvidenceFormatException(null, List.of("not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> problems = BundleSchemas.validateManifest(tree);
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(null, problems);
        }
        SchemaVersion v = SchemaVersion.parse(tree.get("schemaVersion").asText());
        if (!v.isReadable()) {
            throw new EvidenceFormatException(null, List.of("schemaVersion must be at most " + SchemaVersion.CURRENT
                    + "; got " + v + ". Use a newer Privkit to read this bundle."));
        }
        try {
            return CanonicalJson.mapper().treeToValue(tree, BundleManifest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EvidenceFormatException(null, List.of(cause.getMessage()));
        }
    }

    /**
     * Checks, before any work is done, that a bundle may be written to {@code dir}: it does not
     * exist, is an empty folder, or is a Privkit bundle (which will be replaced).
     *
     * @throws IllegalArgumentException otherwise
     */
    public static void requireWritable(Path dir) throws IOException {
        Checks.requireNonNull(dir, "dir");
        if (Files.exists(dir) && !(Files.isDirectory(dir) && (isBundle(dir) || Writer.isEmpty(dir)))) {
            throw Checks.argument("output folder").mustBe("new, empty, or an existing Privkit bundle").got(dir.toString())
                    .fix("Choose another folder; Privkit never overwrites a folder it did not write.").exception();
        }
    }

    /** A new writer. */
    public static Writer writer() {
        return new Writer();
    }

    /**
     * Writes a bundle folder. Add records and files, then {@link #write(Path)}. Not thread-safe;
     * single use per folder written.
     */
    public static final class Writer {
        private final List<EvidenceRecord> records = new ArrayList<>();
        private final Map<String, byte[]> extraFiles = new LinkedHashMap<>();
        private final Map<String, String> extraTypes = new LinkedHashMap<>();
        private UUID bundleId = UUID.randomUUID();
        private Clock clock = Clock.systemUTC();
        private String readme;
        private Sealer sealer;

        private Writer() {
        }

        /** Adds an evidence record. */
        public Writer record(EvidenceRecord r) {
            records.add(Checks.requireNonNull(r, "record"));
            return this;
        }

        /** Adds another file (a rendering, say) at a path inside the bundle. */
        public Writer file(String path, byte[] content, String mediaType) {
            Checks.requireNonNull(content, "content");
            Checks.requireNonBlank(mediaType, "mediaType");
            if (!BundleFile.isSafe(path) || reserved(path)) {
                throw Checks.argument("path").mustBe("a relative path inside the bundle, not a reserved name").got(path)
                        .fix("Reserved: " + BundleManifest.FILE_NAME + ", " + SHA256SUMS + ", " + README + ", records/.").exception();
            }
            extraFiles.put(path, content.clone());
            extraTypes.put(path, mediaType);
            return this;
        }

        /** Replaces the generated {@code README.md} with this Markdown. */
        public Writer readme(String markdown) {
            this.readme = Checks.requireNonNull(markdown, "readme");
            return this;
        }

        /** Seals the bundle after its manifest is computed (for example, signs it). */
        public Writer sealer(Sealer s) {
            this.sealer = Checks.requireNonNull(s, "sealer");
            return this;
        }

        /** Fixes the bundle id (by default random). */
        public Writer bundleId(UUID id) {
            this.bundleId = Checks.requireNonNull(id, "bundleId");
            return this;
        }

        /** The clock for the creation time. */
        public Writer clock(Clock c) {
            this.clock = Checks.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Writes the bundle to {@code dir}, replacing a bundle already there.
         *
         * @throws IllegalArgumentException if {@code dir} exists and is neither empty nor a bundle,
         *                                  or two records share an id
         */
        public EvidenceBundle write(Path dir) throws IOException {
            requireWritable(dir);
            Map<String, byte[]> content = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            Map<String, EvidenceRecord> recordByPath = new LinkedHashMap<>();
            for (EvidenceRecord r : records) {
                String path = "records/" + r.recordType().id() + "-" + r.header().recordId() + ".json";
                if (content.containsKey(path)) {
                    throw Checks.argument("records").mustBe("free of duplicate record ids").got(r.header().recordId().toString())
                            .noFix().exception();
                }
                content.put(path, EvidenceJson.write(r));
                types.put(path, r.recordType().mediaType());
                recordByPath.put(path, r);
            }
            content.putAll(extraFiles);
            types.putAll(extraTypes);
            Instant created = clock.instant();
            content.put(README, (readme != null ? readme : BundleReadme.render(bundleId, created, records))
                    .getBytes(StandardCharsets.UTF_8));
            types.put(README, "text/markdown; charset=utf-8");

            List<String> paths = new ArrayList<>(content.keySet());
            paths.sort(Comparator.naturalOrder());
            StringBuilder sums = new StringBuilder();
            for (String p : paths) {
                sums.append(Sha256.of(content.get(p)).hex()).append("  ").append(p).append('\n');
            }
            content.put(SHA256SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
            types.put(SHA256SUMS, "text/plain; charset=utf-8");
            paths.add(SHA256SUMS);
            paths.sort(Comparator.naturalOrder());

            List<BundleFile> files = new ArrayList<>();
            for (String p : paths) {
                byte[] bytes = content.get(p);
                EvidenceRecord r = recordByPath.get(p);
                files.add(new BundleFile(p, Sha256.of(bytes), bytes.length, types.get(p),
                        r == null ? null : r.recordType().id(), r == null ? null : r.header().recordId(),
                        r == null ? null : r.header().verdict()));
            }
            BundleManifest manifest = new BundleManifest(SchemaVersion.CURRENT.toString(), bundleId, created,
                    Generator.privkit(EvidenceBundle.class), files);
            byte[] manifestBytes = CanonicalJson.write(manifest);
            Map<String, byte[]> seals = new LinkedHashMap<>();
            if (sealer != null) {
                Map<String, byte[]> view = new LinkedHashMap<>();
                paths.forEach(p -> view.put(p, content.get(p).clone()));
                seals.putAll(sealer.seal(manifest, manifestBytes.clone(), java.util.Collections.unmodifiableMap(view)));
                for (String p : seals.keySet()) {
                    if (!SEAL_FILES.contains(p)) {
                        throw new IllegalStateException("A sealer may only write " + SEAL_FILES + "; got " + p);
                    }
                }
            }

            AtomicFiles.replaceDirectory(dir, tmp -> {
                for (String p : paths) {
                    Path target = tmp.resolve(p);
                    Files.createDirectories(target.getParent());
                    Files.write(target, content.get(p));
                }
                Files.write(tmp.resolve(BundleManifest.FILE_NAME), manifestBytes);
                for (Map.Entry<String, byte[]> e : seals.entrySet()) {
                    Path target = tmp.resolve(e.getKey());
                    Files.createDirectories(target.getParent());
                    Files.write(target, e.getValue());
                }
            });
            return new EvidenceBundle(dir, manifest, records);
        }

        private static boolean reserved(String path) {
            return path.equals(BundleManifest.FILE_NAME) || path.equals(SHA256SUMS) || path.equals(README)
                    || path.startsWith("records/") || SEAL_FILES.contains(path);
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }
    }
}
