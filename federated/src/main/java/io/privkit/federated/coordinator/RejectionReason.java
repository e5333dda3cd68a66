package io.privkit.federated.coordinator;

/**
 * Why the coordinator rejected a result or an upload. Each code is stable: it appears in
 * {@link RoundReport#rejections()}, in the wire response, and in evidence records.
 */
public enum RejectionReason {
    /** The task id is not one the coordinator issued in this run. */
    UNKNOWN_TASK("unknown-task"),
    /** The task was given to another client than the caller. */
    IDENTITY_MISMATCH("identity-mismatch"),
    /** The result names another run. */
    WRONG_RUN("wrong-run"),
    /** The result names another round than its task's. */
    WRONG_ROUND("wrong-round"),
    /** The result arrived after the task expired or its round closed. */
    LATE("late"),
    /** The task was already answered. */
    REPLAYED("replayed"),
    /** The result references an object that was not uploaded for the task. */
    MISSING_OBJECT("missing-object"),
    /** The uploaded bytes do not have the declared SHA-256. */
    DIGEST_MISMATCH("digest-mismatch"),
    /** The tensor names differ from the global model's. */
    WRONG_NAMES("wrong-names"),
    /** A tensor's shape differs from the global model's. */
    WRONG_SHAPE("wrong-shape"),
    /** The element type is not the one the task asked for. */
    WRONG_DTYPE("wrong-dtype"),
    /** The object's byte length differs from the one the shapes imply. */
    WRONG_BYTE_LENGTH("wrong-byte-length"),
    /** The upload was larger than its task allows. */
    OVERSIZED("oversized"),
    /** A value is NaN or infinite. */
    NON_FINITE("non-finite"),
    /** The weight is not finite, or not positive. */
    WEIGHT_OUT_OF_RANGE("weight-out-of-range"),
    /** The weight exceeds the bound and the policy rejects. */
    WEIGHT_BOUND("weight-bound"),
    /** The L2 norm exceeds the bound and the policy rejects. */
    NORM_BOUND("norm-bound"),
    /** The message is malformed (missing fields, wrong result kind for the task). */
    MALFORMED("malformed");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code non-finite}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
