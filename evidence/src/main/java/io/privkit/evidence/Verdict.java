package io.privkit.evidence;

/**
 * The one-word status of a record for the DPIA's measures table.
 *
 * <p>A verdict is only ever computed against criteria fixed before the evaluation (the policy the
 * record cites); without criteria a record is {@link #INFORMATIONAL}. {@link #INCONCLUSIVE} is a
 * first-class outcome: a sample too small to tell is never reported as a pass.
 */
public enum Verdict {
    /** Every pre-registered criterion is met, with the uncertainty taken into account. */
    PASS,
    /** At least one pre-registered criterion is not met. */
    FAIL,
    /** The data cannot tell pass from fail (an interval straddles the threshold, or a group is too small). */
    INCONCLUSIVE,
    /** Facts without a pass/fail criterion (for example, a privacy budget statement without a cap). */
    INFORMATIONAL
}
