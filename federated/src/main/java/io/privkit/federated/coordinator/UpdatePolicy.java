package io.privkit.federated.coordinator;

import io.privkit.common.Checks;

/**
 * The checks every update passes before it is accumulated, in this order (each failure rejects the
 * update and is counted with its {@link RejectionReason}):
 * <ol>
 *   <li>identity and round binding: the result answers an open task of this run and round that
 *       was given to the authenticated caller, before the task's expiry, once;</li>
 *   <li>schema: the tensor names, shapes and element type are the global model's, and the
 *       uploaded object has exactly the implied byte length and the declared SHA-256;</li>
 *   <li>finite values: no NaN or infinity anywhere;</li>
 *   <li>weight bounds ({@link WeightBound});</li>
 *   <li>the L2 norm bound ({@link NormBound}): clip to it or reject.</li>
 * </ol>
 * These close gaps found in peers (FEDERATED.md §0.4): Flower averages whatever arrives, trusts the
 * client-reported example count, and never checks finiteness or shapes.
 *
 * @param normBound   the L2 norm bound on an update
 * @param weightBound how updates are weighted and the bounds on weights
 */
public record UpdatePolicy(NormBound normBound, WeightBound weightBound) {

    public UpdatePolicy {
        Checks.requireNonNull(normBound, "normBound");
        Checks.requireNonNull(weightBound, "weightBound");
    }

    /** No norm bound; weights by local examples, capped at 100000. */
    public static UpdatePolicy withDefaults() {
        return new UpdatePolicy(NormBound.none(), WeightBound.byExamples(100_000, BoundAction.CLIP));
    }

    /** The same policy with another norm bound. */
    public UpdatePolicy with(NormBound bound) {
        return new UpdatePolicy(bound, weightBound);
    }

    /** The same policy with another weight bound. */
    public UpdatePolicy with(WeightBound bound) {
        return new UpdatePolicy(normBound, bound);
    }

    /** What happens to a value beyond its bound. */
    public enum BoundAction {
        /** Clip (a norm) or cap (a weight) to the bound, and accept. */
        CLIP,
        /** Reject the update. */
        REJECT
    }

    /** How updates are weighted. */
    public enum Weighting {
        /** Every accepted update has weight 1. */
        UNIFORM,
        /** By the client's reported number of local examples, bounded. */
        BY_EXAMPLES
    }

    /**
     * An L2 norm bound {@code C} on an update {@code Δ}: above it, {@code Δ·C/||Δ||} (clip) or
     * rejection.
     *
     * @param maxNorm the bound; {@code +∞} for none
     * @param action  clip or reject
     */
    public record NormBound(double maxNorm, BoundAction action) {
        public NormBound {
            if (!(maxNorm > 0)) {
                throw Checks.argument("maxNorm").mustBe("> 0 (or Infinity for no bound)").got(maxNorm)
                        .fix("Set it a little above the typical update norm of a healthy client.").exception();
            }
            Checks.requireNonNull(action, "action");
        }

        /** No bound. */
        public static NormBound none() {
            return new NormBound(Double.POSITIVE_INFINITY, BoundAction.CLIP);
        }

        /** Clip to {@code maxNorm}. */
        public static NormBound clip(double maxNorm) {
            return new NormBound(Checks.requirePositive(maxNorm, "maxNorm"), BoundAction.CLIP);
        }

        /** Reject above {@code maxNorm}. */
        public static NormBound reject(double maxNorm) {
            return new NormBound(Checks.requirePositive(maxNorm, "maxNorm"), BoundAction.REJECT);
        }

        /** Whether there is a bound. */
        public boolean bounded() {
            return Double.isFinite(maxNorm);
        }
    }

    /**
     * How updates are weighted, and the bound on a weight. A weight that is not finite or not
     * positive is always rejected; one above {@code maxWeight} is capped or rejected.
     *
     * @param weighting uniform or by local examples
     * @param maxWeight the largest weight accepted (ignored when uniform)
     * @param action    cap or reject above it
     */
    public record WeightBound(Weighting weighting, double maxWeight, BoundAction action) {
        public WeightBound {
            Checks.requireNonNull(weighting, "weighting");
            Checks.requirePositive(maxWeight, "maxWeight", "Use the largest local dataset you expect, e.g. 100000.");
            Checks.requireNonNull(action, "action");
        }

        /** Every update weighs 1. */
        public static WeightBound uniform() {
            return new WeightBound(Weighting.UNIFORM, 1, BoundAction.CLIP);
        }

        /** By examples, bounded by {@code maxWeight}. */
        public static WeightBound byExamples(double maxWeight, BoundAction action) {
            return new WeightBound(Weighting.BY_EXAMPLES, maxWeight, action);
        }

        /** In words, for evidence. */
        public String describe() {
            return weighting == Weighting.UNIFORM ? "uniform (every accepted update weighs 1)"
                    : "by local examples, " + (action == BoundAction.CLIP ? "capped at " : "rejected above ")
                    + io.privkit.evidence.json.JsonNumbers.format(maxWeight);
        }
    }
}
