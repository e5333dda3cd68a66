package io.privkit.dp.accounting;

import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.Map;

/**
 * Turns a {@link DpEvent} into a {@link PrivacyGuarantee}: upper bounds on the privacy profile
 * ε(δ) and δ(ε) under a fixed {@link NeighboringRelation}.
 *
 * <ul>
 *   <li>{@link PldAccountant}: privacy loss distributions, composed by FFT, discretised
 *       pessimistically; near-tight. The default for reports.</li>
 *   <li>{@link RdpAccountant}: Rényi DP over a set of orders; fast, looser, and the basis of the
 *       ledger's filter for adaptively chosen spends.</li>
 *   <li>{@link ExactGaussianAccountant}: the exact profile of Gaussian mechanisms (Balle and Wang
 *       2018).</li>
 * </ul>
 * Every accountant also takes the minimum with the basic-composition bound of the pure and
 * (ε, δ) parts, so a pure-DP release is never reported above its ε, and applies any
 * {@link DpEvent.SamplerSlack} of the implemented noise.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface PrivacyAccountant permits PldAccountant, RdpAccountant, ExactGaussianAccountant {

    /**
     * Accounts for an event.
     *
     * @throws UnsupportedEventException when the event has no sound analysis in this accountant
     */
    PrivacyGuarantee account(DpEvent event);

    /** The neighbouring relation the guarantees are stated for. */
    NeighboringRelation relation();

    /** The accountant family, as evidence records name it. */
    PrivacyBudgetEvidence.AccountantKind kind();

    /** The accountant's parameters, as text, for evidence records. */
    Map<String, String> parameters();

    /** The tight default: {@link PldAccountant#withDefaults()}. */
    static PldAccountant pld() {
        return PldAccountant.withDefaults();
    }

    /** {@link RdpAccountant#withDefaults()}. */
    static RdpAccountant rdp() {
        return RdpAccountant.withDefaults();
    }
}
