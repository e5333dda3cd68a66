package io.privkit.cli;

/**
 * The exit codes of the {@code privkit} command, stable so that jobs can script against them.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><th>Code</th><th>Meaning</th></tr>
 *   <tr><td>0</td><td>success: the command ran and every check passed</td></tr>
 *   <tr><td>1</td><td>a check failed: drift detected, a fairness criterion failed, a record is not a pass</td></tr>
 *   <tr><td>2</td><td>bad input: a missing or malformed file, an invalid option, a record that does not validate</td></tr>
 *   <tr><td>3</td><td>privacy budget exhausted: the ledger refused a spend</td></tr>
 *   <tr><td>4</td><td>input/output error: a file exists but cannot be read or written</td></tr>
 *   <tr><td>5</td><td>internal error: a bug in Privkit (please report it with the output of {@code --debug})</td></tr>
 *   <tr><td>6</td><td>integrity error: a signature, digest or log proof of an evidence bundle does not verify</td></tr>
 *   <tr><td>7</td><td>inconclusive: the evidence cannot tell pass from fail (the CI gate of {@code privkit report gate})</td></tr>
 * </table>
 */
public enum ExitCode {
    /** The command ran and every check passed. */
    OK(0),
    /** A check failed (drift detected, a criterion failed). */
    CHECK_FAILED(1),
    /** Bad input: a missing or malformed file, an invalid option or value. */
    BAD_INPUT(2),
    /** The privacy-budget ledger refused a spend. */
    BUDGET_EXHAUSTED(3),
    /** A file exists but cannot be read or written. */
    IO_ERROR(4),
    /** A bug in Privkit. */
    INTERNAL_ERROR(5),
    /** A signature, digest or log proof of an evidence bundle does not verify: the bundle was changed or is not signed. */
    INTEGRITY_ERROR(6),
    /** The evidence cannot tell pass from fail (an interval straddles a threshold, evidence is missing, the policy is stale). */
    INCONCLUSIVE(7);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
