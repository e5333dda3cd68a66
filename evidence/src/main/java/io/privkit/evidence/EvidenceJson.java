package io.privkit.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes evidence records as deterministic JSON and reads them back strictly.
 *
 * <p><b>Layout.</b> A record is a JSON object whose first two keys are {@code schemaVersion} and
 * {@code recordType}, followed by the record's fields in declaration order ({@code header} first),
 * formatted by {@link CanonicalJson}. Writing, reading and writing again gives identical bytes.
 *
 * <p><b>Reading</b> checks, in order: the bytes are JSON; the root is an object; the
 * {@code schemaVersion} is one this Privkit reads ({@link SchemaVersion#isReadable()}); the
 * {@code recordType} is known; the record is valid against its published schema
 * ({@link EvidenceSchemas}); and the record's own checks accept every value. Any failure throws an
 * {@link EvidenceFormatException} listing every problem found at the failing stage.
 *
 * <p>Stateless and thread-safe.
 */
public final class EvidenceJson {
    private EvidenceJson() {
    }

    /** The record as canonical JSON bytes (UTF-8, final newline). */
    public static byte[] write(EvidenceRecord record) {
        Checks.requireNonNull(record, "record");
        ObjectMapper mapper = CanonicalJson.mapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(CanonicalJson.prettyPrinter());
            g.writeStartObject();
            g.writeStringField("schemaVersion", SchemaVersion.CURRENT.toString());
            g.writeStringField("recordType", record.recordType().id());
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                g.writeFieldName(c.getName());
                mapper.writeValue(g, c.getAccessor().invoke(record));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read a component of " + record.getClass().getName(), e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The record as canonical JSON text. */
    public static String writeString(EvidenceRecord record) {
        return new String(write(record), StandardCharsets.UTF_8);
    }

    /** Writes the record to a file atomically (temporary file, then rename). */
    public static void write(EvidenceRecord record, Path file) throws IOException {
        AtomicFiles.write(file, write(record));
    }

    /** The record's canonical JSON as a tree (for renderers). */
    public static ObjectNode toTree(EvidenceRecord record) {
        try {
            return (ObjectNode) CanonicalJson.readTree(write(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a record from a file.
     *
     * @throws EvidenceFormatException       if the content is not a valid record (names the file)
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                   if it cannot be read
     */
    public static EvidenceRecord read(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        return read(Files.readAllBytes(file), file);
    }

    /**
     * Reads a record from bytes.
     *
     * @param source the file the bytes came from, for messages; may be null
     * @throws EvidenceFormatException if the bytes are not a valid record
     */
    public static EvidenceRecord read(byte[] json, Path source) {
        Checks.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = CanonicalJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EvidenceFormatException(source, List.of("not valid JSON: " + describe(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(tree, source);
    }

    /**
     * Reads a record from bytes that did not come from a file.
     *
     * @throws EvidenceFormatException if the bytes are not a valid record
     */
    public static EvidenceRecord read(byte[] json) {
        return read(json, (Path) null);
    }

    /** Reads a record of a known type from bytes; fails if the record is of another type. */
    public static <R extends EvidenceRecord> R readAs(byte[] json, Class<R> type) {
        EvidenceRecord r = read(json, (Path) null);
        if (!type.isInstance(r)) {
            throw new EvidenceFormatException(null, List.of("recordType must be " + RecordType.of(type).id() + "; got "
                    + r.recordType().id()));
        }
        return type.cast(r);
    }

    /**
     * Reads a record from a parsed tree.
     *
     * @param source the file it came from, for messages; may be null
     * @throws EvidenceFormatException if the tree is not a valid record
     */
    public static EvidenceRecord read(JsonNode tree, Path source) {
        RecordType type = checkEnvelope(tree, source);
        List<String> problems = EvidenceSchemas.validate(type, tree);
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(source, problems);
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        body.remove("schemaVersion");
        body.remove("recordType");
        try {
            return CanonicalJson.mapper().treeToValue(body, type.javaType());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EvidenceFormatException(source, List.of(path(e) + cause.getMessage()));
        } catch (JsonMappingException e) {
            throw new EvidenceFormatException(source, List.of(path(e) + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new EvidenceFormatException(source, List.of(describe(e)));
        }
    }

    /** Checks the root, schemaVersion and recordType; returns the type. */
    static RecordType checkEnvelope(JsonNode tree, Path source) {
        if (tree == null || !tree.isObject()) {
            throw new EvidenceFormatException(source, List.of("must be a JSON object (a Privkit evidence record); got "
                    + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))));
        }
        List<String> problems = new ArrayList<>();
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isTextual()) {
            problems.add("schemaVersion must be a string such as \"" + SchemaVersion.CURRENT + "\"; got "
                    + (version == null ? "none" : version.toString()) + ". Is this a Privkit evidence record?");
        } else {
            try {
                SchemaVersion v = SchemaVersion.parse(version.asText());
                if (!v.isReadable()) {
                    problems.add("schemaVersion must be " + SchemaVersion.CURRENT.major() + ".0 to " + SchemaVersion.CURRENT
                            + " for this Privkit (" + io.privkit.common.BuildInfo.version() + "); got " + v
                            + ". " + (v.major() > SchemaVersion.CURRENT.major() || v.minor() > SchemaVersion.CURRENT.minor()
                            ? "Use a newer Privkit to read it." : "Convert it with the Privkit version that wrote it."));
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        JsonNode typeNode = tree.get("recordType");
        RecordType type = null;
        if (typeNode == null || !typeNode.isTextual()) {
            problems.add("recordType must be one of " + JsonNames.allowed(RecordType.class) + "; got "
                    + (typeNode == null ? "none" : typeNode.toString()));
        } else {
            try {
                type = RecordType.parse(typeNode.asText());
            } catch (IllegalArgumentException e) {
                problems.add("recordType " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(source, problems);
        }
        return type;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb + ": ";
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return (nl >= 0 ? msg.substring(0, nl) : msg) + where;
    }
}
