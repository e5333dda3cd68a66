package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.FairnessEvidence.AttributeSource;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

/**
 * A column that defines groups: a sensitive attribute (whose groups are compared) or a control
 * attribute (within whose levels they are compared, for conditional fairness, e.g. comparing races
 * within each age band).
 *
 * <p>Levels are the values seen in the data, in order of first appearance, unless declared: with
 * declared levels the groups are listed in that order, and a declared level that nobody has
 * appears as an empty group (listed, never dropped). A value outside the declared levels is an
 * error. A numeric attribute is grouped by its {@link Binning}.
 *
 * <p>Immutable and thread-safe. Build with {@link #sensitive} or {@link #control} and the
 * {@code with...} methods.
 *
 * @param name           the column name
 * @param role           sensitive or control
 * @param characteristic what a sensitive attribute stands for
 * @param source         where its values came from
 * @param binning        how a numeric attribute is binned; null for a categorical one
 * @param levels         declared levels, in report order; empty to take them from the data
 * @param legalBasis     the legal basis for processing it for bias detection; null when not recorded
 * @param deletionDate   when the attribute data will be deleted; null when not set
 */
public record Attribute(String name, Role role, Characteristic characteristic, AttributeSource source, Binning binning,
                        List<String> levels, String legalBasis, LocalDate deletionDate) {

    /** Whether the attribute's groups are compared, or it stratifies the comparison. */
    public enum Role {
        /** Groups of this attribute are compared. */
        SENSITIVE,
        /** Comparisons are made within each level of this attribute. */
        CONTROL
    }

    public Attribute {
        Checks.requireNonBlank(name, "attribute.name");
        Checks.requireNonNull(role, "attribute.role");
        Checks.requireNonNull(characteristic, "attribute.characteristic");
        Checks.requireNonNull(source, "attribute.source");
        levels = List.copyOf(Checks.requireNoNullElements(levels, "attribute.levels"));
        if (new HashSet<>(levels).size() != levels.size()) {
            throw Checks.argument("attribute " + name + " levels").mustBe("distinct").got(levels.toString())
                    .fix("List each level once.").exception();
        }
        if (binning != null && !levels.isEmpty() && !levels.equals(binning.labels())) {
            throw Checks.argument("attribute " + name + " levels").mustBe("the binning's labels " + binning.labels()).got(levels.toString())
                    .fix("Declare either levels or a binning, not both.").exception();
        }
        if (binning != null && levels.isEmpty()) {
            levels = binning.labels();
        }
    }

    /** A sensitive attribute standing for {@code characteristic}, self-declared, levels from the data. */
    public static Attribute sensitive(String name, Characteristic characteristic) {
        return new Attribute(name, Role.SENSITIVE, characteristic, AttributeSource.SELF_DECLARED, null, List.of(), null, null);
    }

    /** A control attribute (comparisons are made within each of its levels). */
    public static Attribute control(String name) {
        return new Attribute(name, Role.CONTROL, Characteristic.OTHER, AttributeSource.ADMINISTRATIVE, null, List.of(), null, null);
    }

    /** A copy with declared levels (empty declared levels are listed as empty groups). */
    public Attribute withLevels(String... declared) {
        return new Attribute(name, role, characteristic, source, null, List.of(declared), legalBasis, deletionDate);
    }

    /** A copy binned as a numeric attribute. */
    public Attribute withBinning(Binning bins) {
        return new Attribute(name, role, characteristic, source, Checks.requireNonNull(bins, "binning"), List.of(), legalBasis,
                deletionDate);
    }

    /** A copy with the source of the values. */
    public Attribute withSource(AttributeSource valueSource) {
        return new Attribute(name, role, characteristic, valueSource, binning, levels, legalBasis, deletionDate);
    }

    /** A copy with the legal basis for processing it for bias detection. */
    public Attribute withLegalBasis(String basis) {
        return new Attribute(name, role, characteristic, source, binning, levels, Checks.requireNonBlank(basis, "legalBasis"),
                deletionDate);
    }

    /** A copy with the date the attribute data will be deleted. */
    public Attribute withDeletionDate(LocalDate date) {
        return new Attribute(name, role, characteristic, source, binning, levels, legalBasis, Checks.requireNonNull(date, "deletionDate"));
    }

    /** Whether levels were declared (or fixed by a binning). */
    public boolean declared() {
        return !levels.isEmpty();
    }
}
