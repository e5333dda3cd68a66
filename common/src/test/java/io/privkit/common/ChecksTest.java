package io.privkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void requirePositive_negative_messageHasHouseForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requirePositive(-1.5, "noiseMultiplier", "Pick sigma > 0, e.g. 1.1."));
        assertEquals("noiseMultiplier must be a finite number > 0; got -1.5. Pick sigma > 0, e.g. 1.1.", e.getMessage());
    }

    @Test
    void requirePositive_nan_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Checks.requirePositive(Double.NaN, "x"));
        assertThrows(IllegalArgumentException.class, () -> Checks.requirePositive(Double.POSITIVE_INFINITY, "x"));
    }

    @Test
    void requireFinite_nan_rejectedAndValueRenderedAsNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.requireFinite(Double.NaN, "score"));
        assertEquals("score must be a finite number; got NaN. Pass a finite number.", e.getMessage());
    }

    @Test
    void requireIn_boundaries_followOpenAndClosedEnds() {
        assertEquals(1.0, Checks.requireIn(1.0, "p", Interval.openClosed(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> Checks.requireIn(0.0, "p", Interval.openClosed(0, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requireIn(1.5, "delta", Interval.open(0, 1)));
        assertEquals("delta must be in (0, 1); got 1.5. Pass a value in (0, 1).", e.getMessage());
    }

    @Test
    void requireNonBlank_blank_rejectedWithQuotedValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.requireNonBlank("  ", "column"));
        assertEquals("column must be a non-blank string; got \"  \". Pass a non-empty column.", e.getMessage());
    }

    @Test
    void requireNonEmpty_nullElement_namesIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requireNonEmpty(Arrays.asList("a", null), "groups"));
        assertTrue(e.getMessage().startsWith("groups[1] must be given; got null."), e.getMessage());
    }

    @Test
    void checks_passingValues_returnedUnchanged() {
        assertEquals(3L, Checks.requirePositive(3L, "n"));
        assertEquals(0L, Checks.requireNonNegative(0L, "n"));
        assertEquals("x", Checks.requireNonBlank("x", "s"));
        assertEquals(0.25, Checks.requireProbability(0.25, "q"));
    }

    @Test
    void problems_severalFailures_reportedTogether() {
        Problems p = Problems.of("DpSgdConfig");
        p.check(false, () -> Checks.argument("clipNorm").mustBe("> 0").got(0.0).fix("Use e.g. 1.0."));
        p.capture(() -> Checks.requirePositive(-2, "steps"));
        p.check(true, () -> Checks.argument("never").mustBe("reported").got(1).noFix());
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, p::throwIfAny);
        assertEquals(2, e.problems().size());
        assertEquals(List.of("clipNorm", "steps"), e.problems().stream().map(ArgumentProblem::input).toList());
        assertTrue(e.getMessage().startsWith("DpSgdConfig has 2 problems:\n  - clipNorm must be > 0; got 0.0. Use e.g. 1.0."),
                e.getMessage());
    }

    @Test
    void render_longValue_cut() {
        String s = Checks.render("x".repeat(200));
        assertEquals(80, s.length());
        assertTrue(s.endsWith("..."));
    }

    @Test
    void interval_reversedEnds_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Interval.closed(2, 1));
        assertEquals("[0, +Infinity)", Interval.atLeast(0).toString());
        assertTrue(!Interval.atLeast(0).contains(Double.NaN));
    }
}
