package io.privkit.drift.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.evidence.DriftEvidence.FeatureRole;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns a drift check reads: declared in a schema file, inferred from the reference data, or
 * both (declared columns win, the rest are inferred unless the file says {@code "others": "skip"}).
 *
 * <p>Schema file (JSON):
 * <pre>{@code
 * {
 *   "columns": [
 *     {"name": "age",     "type": "numeric"},
 *     {"name": "country", "type": "categorical"},
 *     {"name": "churned", "type": "binary", "role": "target"},
 *     {"name": "user_id", "role": "id"},
 *     {"name": "comment", "skip": true, "reason": "free text"}
 *   ],
 *   "others": "infer"
 * }
 * }</pre>
 * Types: numeric, categorical, binary. Roles: feature, target, prediction, score, id, timestamp,
 * sensitive (identifiers and timestamps are never tested). Immutable and thread-safe.
 *
 * @param columns declared columns by name, in declaration order
 * @param others  what to do with columns the schema does not name
 */
public record Schema(Map<String, ColumnSpec> columns, Others others) {
    /** What to do with undeclared columns. */
    public enum Others {
        /** Infer their type from the reference data. */
        INFER,
        /** Skip them (reported as excluded). */
        SKIP
    }

    public Schema {
        Checks.requireNonNull(columns, "columns");
        Checks.requireNonNull(others, "others");
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Infer every column. */
    public static Schema inferAll() {
        return new Schema(Map.of(), Others.INFER);
    }

    /** Declared columns, others inferred. */
    public static Schema of(List<ColumnSpec> specs) {
        Map<String, ColumnSpec> m = new LinkedHashMap<>();
        for (ColumnSpec s : specs) {
            if (m.put(s.name(), s) != null) {
                throw Checks.argument("schema").mustBe("free of duplicate column names").got(s.name()).noFix().exception();
            }
        }
        return new Schema(m, Others.INFER);
    }

    /** The spec for a header column. */
    public ColumnSpec specFor(String name) {
        ColumnSpec s = columns.get(name);
        if (s != null) {
            return s;
        }
        return others == Others.SKIP ? ColumnSpec.skipped(name, "not named in the schema") : ColumnSpec.inferred(name);
    }

    /** A declared spec, if any. */
    public Optional<ColumnSpec> declared(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * Reads a schema file.
     *
     * @throws DataFormatException naming the file and entry when it is malformed
     */
    public static Schema read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "the schema must be valid JSON; got: " + e.getOriginalMessage() + ". Fix the syntax.", e);
        }
        if (root == null || !root.isObject() || !root.has("columns") || !root.get("columns").isArray()) {
            throw new DataFormatException(file, 0, null,
                    "the schema must be a JSON object with a \"columns\" array; got something else. See the schema format in the docs.");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        int idx = 0;
        for (JsonNode c : root.get("columns")) {
            idx++;
            String name = text(c, "name");
            if (name == null || name.isBlank()) {
                throw new DataFormatException(file, 0, "columns[" + idx + "]", "each column must have a \"name\"; got none. Add it.");
            }
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!List.of("name", "type", "role", "skip", "reason").contains(f)) {
                    throw new DataFormatException(file, 0, name, "column entries may have name, type, role, skip, reason; got \""
                            + f + "\". Remove or rename it.");
                }
            }
            FeatureType type = null;
            String t = text(c, "type");
            if (t != null) {
                type = switch (t.toLowerCase(Locale.ROOT)) {
                    case "numeric" -> FeatureType.NUMERIC;
                    case "categorical" -> FeatureType.CATEGORICAL;
                    case "binary" -> FeatureType.BINARY;
                    default -> throw new DataFormatException(file, 0, name,
                            "type must be numeric, categorical or binary; got \"" + t + "\". Use one of these.");
                };
            }
            FeatureRole role = FeatureRole.FEATURE;
            String r = text(c, "role");
            if (r != null) {
                try {
                    role = FeatureRole.valueOf(r.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, 0, name,
                            "role must be feature, target, prediction, score, id, timestamp or sensitive; got \"" + r + "\". Use one of these.");
                }
            }
            boolean skip = c.has("skip") && c.get("skip").asBoolean(false);
            specs.add(new ColumnSpec(name, type, role, skip ? ColumnSpec.Handling.SKIP : ColumnSpec.Handling.CHECK, text(c, "reason")));
        }
        Others others = Others.INFER;
        String o = text(root, "others");
        if (o != null) {
            others = switch (o.toLowerCase(Locale.ROOT)) {
                case "infer" -> Others.INFER;
                case "skip" -> Others.SKIP;
                default -> throw new DataFormatException(file, 0, "others", "\"others\" must be infer or skip; got \"" + o + "\". Use one of these.");
            };
        }
        try {
            return new Schema(of(specs).columns(), others);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, null, e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
