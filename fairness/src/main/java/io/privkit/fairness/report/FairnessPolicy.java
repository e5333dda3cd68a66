package io.privkit.fairness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Fingerprint;
import io.privkit.evidence.PolicyRef;
import io.privkit.fairness.Criterion;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.ReliabilityFloor;
import io.privkit.fairness.Tolerance;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.ConfidenceLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A pre-registered fairness policy, read from a JSON file fixed (and ideally approved) before the
 * evaluation; its SHA-256 is cited in the evidence so the thresholds cannot be tuned afterwards.
 *
 * <pre>{@code
 * {
 *   "format": "privkit-fairness-policy/1",
 *   "approvedBy": "DPO", "approvedAt": "2026-01-10T09:00:00Z",
 *   "confidenceLevel": 0.95, "reliabilityFloor": 30, "minConditionalCount": 10, "minCellSize": 10,
 *   "criteria": [
 *     {"name": "demographic-parity", "tolerance": {"difference": 0.1}, "rationale": "lending policy 4.2"},
 *     {"name": "equalized-odds", "tolerance": {"difference": 0.1}, "aggregation": "mean", "rationale": "..."},
 *     {"name": "impact-ratio", "tolerance": {"ratio": 0.8}, "rationale": "four-fifths as internal policy"},
 *     {"name": "fpr-spread", "metric": "fpr", "tolerance": {"difference": 0.05}, "comparison": "between-groups", "rationale": "..."}
 *   ]
 * }
 * }</pre>
 *
 * <p>Named criteria ({@code demographic-parity}, {@code equal-opportunity}, {@code equalized-odds},
 * {@code predictive-parity}, {@code impact-ratio}) fix their metrics; any other name needs a
 * {@code metric}. Unknown keys are refused, so a typo cannot silently drop a threshold.
 *
 * <p>Immutable and thread-safe.
 *
 * @param criteria            the criteria
 * @param level               the confidence level, when set
 * @param floor               the reliability floor, when set
 * @param minCellSize         the disclosure floor, when set
 * @param ref                 the file's digest and approval
 */
public record FairnessPolicy(List<Criterion> criteria, ConfidenceLevel level, ReliabilityFloor floor, Integer minCellSize,
                             PolicyRef ref) {
    private static final Set<String> TOP = Set.of("format", "approvedBy", "approvedAt", "confidenceLevel", "reliabilityFloor",
            "minConditionalCount", "minCellSize", "criteria");
    private static final Set<String> CRITERION = Set.of("name", "metric", "tolerance", "aggregation", "comparison", "rationale");

    public FairnessPolicy {
        criteria = List.copyOf(Checks.requireNoNullElements(criteria, "criteria"));
        Checks.requireNonNull(ref, "ref");
    }

    /**
     * Reads a policy file.
     *
     * @throws DataFormatException naming the file and the field, if the policy is not valid
     */
    public static FairnessPolicy read(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new DataFormatException(file, 0, null, "the policy must be JSON; got a parse error (" + e.getMessage().lines().findFirst().orElse("") + ").");
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(file, 0, null, "the policy must be a JSON object; got " + (root == null ? "nothing" : root.getNodeType())
                    + ". See the policy example in the documentation.");
        }
        unknownKeys(file, root, TOP, "");
        if (root.has("format") && !"privkit-fairness-policy/1".equals(root.get("format").asText())) {
            throw new DataFormatException(file, 0, "format", "format must be \"privkit-fairness-policy/1\"; got "
                    + root.get("format") + ". Use a policy written for this Privkit.");
        }
        try {
            List<Criterion> criteria = new ArrayList<>();
            JsonNode list = root.path("criteria");
            if (!list.isArray() || list.isEmpty()) {
                throw new DataFormatException(file, 0, "criteria", "criteria must be a non-empty array; got " + list.getNodeType()
                        + ". List the pre-registered criteria.");
            }
            for (int i = 0; i < list.size(); i++) {
                criteria.add(criterion(file, list.get(i), "criteria[" + i + "]"));
            }
            ConfidenceLevel level = root.has("confidenceLevel") ? ConfidenceLevel.of(root.get("confidenceLevel").asDouble()) : null;
            ReliabilityFloor floor = null;
            if (root.has("reliabilityFloor") || root.has("minConditionalCount")) {
                floor = ReliabilityFloor.of(root.path("reliabilityFloor").asInt(ReliabilityFloor.DEFAULT.minGroupSize()),
                        root.path("minConditionalCount").asInt(ReliabilityFloor.DEFAULT.minConditionalCount()));
            }
            Integer cells = root.has("minCellSize") ? root.get("minCellSize").asInt() : null;
            Instant approvedAt = null;
            if (root.has("approvedAt")) {
                try {
                    approvedAt = Instant.parse(root.get("approvedAt").asText());
                } catch (DateTimeParseException e) {
                    throw new DataFormatException(file, 0, "approvedAt", "approvedAt must be an ISO-8601 instant such as "
                            + "2026-01-10T09:00:00Z; got " + root.get("approvedAt") + ".");
                }
            }
            PolicyRef ref = new PolicyRef(Fingerprint.of(bytes).sha256(), root.has("approvedBy") ? root.get("approvedBy").asText() : null,
                    approvedAt);
            return new FairnessPolicy(criteria, level, floor, cells, ref);
        } catch (DataFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, null, e.getMessage(), e);
        }
    }

    /** Applies the policy to an assessment builder: its criteria, level and floors. */
    public FairnessAssessment.Builder applyTo(FairnessAssessment.Builder builder) {
        criteria.forEach(builder::criterion);
        if (level != null) {
            builder.level(level);
        }
        if (floor != null) {
            builder.reliabilityFloor(floor);
        }
        if (minCellSize != null) {
            builder.minCellSize(minCellSize);
        }
        return builder;
    }

    private static Criterion criterion(Path file, JsonNode c, String where) {
        if (!c.isObject()) {
            throw new DataFormatException(file, 0, where, where + " must be an object; got " + c.getNodeType() + ".");
        }
        unknownKeys(file, c, CRITERION, where + ".");
        String name = text(file, c, "name", where);
        String rationale = text(file, c, "rationale", where);
        JsonNode tol = c.path("tolerance");
        Tolerance tolerance;
        if (tol.has("difference") && tol.size() == 1) {
            tolerance = Tolerance.difference(tol.get("difference").asDouble());
        } else if (tol.has("ratio") && tol.size() == 1) {
            tolerance = Tolerance.ratio(tol.get("ratio").asDouble());
        } else {
            throw new DataFormatException(file, 0, where + ".tolerance", where + ".tolerance must be {\"difference\": d} or "
                    + "{\"ratio\": r}; got " + tol + ".");
        }
        Criterion.Aggregation aggregation = Criterion.Aggregation.WORST_CASE;
        if (c.has("aggregation")) {
            aggregation = switch (c.get("aggregation").asText()) {
                case "worst-case" -> Criterion.Aggregation.WORST_CASE;
                case "mean" -> Criterion.Aggregation.MEAN;
                default -> throw new DataFormatException(file, 0, where + ".aggregation", where + ".aggregation must be worst-case or "
                        + "mean; got " + c.get("aggregation") + ".");
            };
        }
        Criterion criterion = switch (name) {
            case "demographic-parity" -> Criterion.demographicParity(tolerance, rationale);
            case "equal-opportunity" -> Criterion.equalOpportunity(tolerance, rationale);
            case "equalized-odds" -> Criterion.equalizedOdds(tolerance, aggregation, rationale);
            case "predictive-parity" -> Criterion.predictiveParity(tolerance, rationale);
            case "impact-ratio" -> new Criterion("impact-ratio", List.of(Metric.FAVOURABLE_RATE), tolerance, Criterion.Comparison.VS_REFERENCE,
                    Criterion.Aggregation.WORST_CASE, rationale);
            default -> {
                if (!c.has("metric")) {
                    throw new DataFormatException(file, 0, where + ".metric", where + ".metric must be given for a criterion named "
                            + name + "; got nothing. Name the rate, e.g. \"fpr\".");
                }
                yield new Criterion(name, List.of(Metric.parse(c.get("metric").asText())), tolerance, Criterion.Comparison.VS_REFERENCE,
                        aggregation, rationale);
            }
        };
        if (c.has("comparison")) {
            switch (c.get("comparison").asText()) {
                case "vs-reference" -> { }
                case "between-groups" -> criterion = criterion.betweenGroups();
                default -> throw new DataFormatException(file, 0, where + ".comparison", where + ".comparison must be vs-reference or "
                        + "between-groups; got " + c.get("comparison") + ".");
            }
        }
        return criterion;
    }

    private static String text(Path file, JsonNode c, String key, String where) {
        JsonNode v = c.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new DataFormatException(file, 0, where + "." + key, where + "." + key + " must be a non-blank string; got " + v + ".");
        }
        return v.asText();
    }

    private static void unknownKeys(Path file, JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new DataFormatException(file, 0, prefix + k, prefix + k + " must be one of " + new java.util.TreeSet<>(allowed)
                        + "; got an unknown key. Check the spelling.");
            }
        }
    }
}
