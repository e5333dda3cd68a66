package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.time.Instant;

/**
 * The pre-registered acceptance policy a verdict was computed against: the digest of the policy
 * file, fixed (and ideally approved) before the evaluation, so thresholds cannot be tuned after
 * seeing the results.
 *
 * @param sha256     SHA-256 of the policy file's bytes
 * @param approvedBy who approved the policy (a role or pseudonym), when recorded
 * @param approvedAt when it was approved, when recorded
 */
@Doc("The pre-registered acceptance policy the verdict used, cited by digest so thresholds cannot be changed afterwards.")
public record PolicyRef(
        @Doc("SHA-256 of the policy file's exact bytes.") Sha256 sha256,
        @Doc("Who approved the policy (a role or pseudonym); null when not recorded.") @Nullable String approvedBy,
        @Doc("When the policy was approved (UTC); null when not recorded.") @Nullable Instant approvedAt) {

    public PolicyRef {
        Checks.requireNonNull(sha256, "policyRef.sha256");
    }
}
