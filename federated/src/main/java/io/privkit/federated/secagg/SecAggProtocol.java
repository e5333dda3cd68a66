package io.privkit.federated.secagg;

/**
 * Secure aggregation after K. Bonawitz, V. Ivanov, B. Kreuter, A. Marcedone, H. B. McMahan,
 * S. Patel, D. Ramage, A. Segal, K. Seth, "Practical Secure Aggregation for Privacy-Preserving
 * Machine Learning", ACM CCS 2017 (the honest-but-curious variant, its Figure 4 without the
 * consistency-check round).
 *
 * <p>The coordinator learns only {@code Σ_u w_u x_u} and {@code Σ_u w_u} over the clients whose
 * masked input it summed. Each sampled client {@code u} runs four steps, one task each:
 * <ol start="0">
 *   <li><b>Advertise keys</b>: two X25519 key pairs, {@code (c_u^PK, c_u^SK)} to encrypt shares and
 *       {@code (s_u^PK, s_u^SK)} for masks; send both public keys. {@code U1} = clients that
 *       answered.</li>
 *   <li><b>Share keys</b>: draw a 32-byte self-mask seed {@code b_u}; split {@code s_u^SK} and
 *       {@code b_u} with t-out-of-|U1| Shamir ({@link Shamir}); send each {@code v ∈ U1} its two
 *       shares encrypted with AES-256-GCM under a key derived from {@code KA(c_u^SK, c_v^PK)}
 *       (the coordinator routes ciphertexts it cannot read). {@code U2} = clients that answered.</li>
 *   <li><b>Masked input</b>: train, clip the update to L2 norm {@code C}, encode
 *       {@code (w_u x_u, w_u)} in fixed point in {@code Z/2^b} ({@link FixedPoint}) and send
 *       <pre>   y_u = x_u + PRG(b_u) + Σ_{v ∈ U2, v ≠ u} ±PRG(s_{u,v})   (mod 2^b)</pre>
 *       with {@code s_{u,v}} derived from {@code KA(s_u^SK, s_v^PK)}, {@code +} when {@code u < v}
 *       and {@code -} otherwise, so the pairwise masks cancel in the sum. {@code U3} = clients whose
 *       masked input was accepted.</li>
 *   <li><b>Unmask</b>: the coordinator names {@code U3} (survivors) and {@code U2 \ U3} (dropped);
 *       each survivor reveals its shares of {@code b_v} for {@code v ∈ U3} and of
 *       {@code s_v^SK} for {@code v ∈ U2 \ U3} — never both for one client. With {@code t} shares
 *       of each, the coordinator removes the self masks of survivors and the pairwise masks
 *       between survivors and dropped clients:
 *       <pre>   Σ_{u ∈ U3} x_u = Σ_{u ∈ U3} y_u - Σ_{u ∈ U3} PRG(b_u) - Σ_{u ∈ U3, v ∈ U2\U3} ±PRG(s_{u,v})</pre></li>
 * </ol>
 * Every step needs at least {@code t} clients; if fewer remain at any step the round fails cleanly
 * (the model is unchanged and nothing is revealed beyond what the completed steps sent). A
 * reconstructed mask key is checked against the advertised public key, so a bad share is detected.
 *
 * <p><b>Security limits</b>: the coordinator is trusted to follow the protocol (honest but
 * curious): the paper's consistency-check round and signatures against an actively malicious
 * coordinator are not implemented (a coordinator lying about who dropped could learn an individual
 * input). A malicious client can send any ring element, so the sum's integrity is not protected:
 * updates cannot be validated individually under secure aggregation (robust rules are refused).
 * Mutual TLS authenticates every client to the coordinator, so Sybils cannot fill the threshold.
 */
public final class SecAggProtocol {
    /** The name of the extra one-element tensor carrying the weight in a masked input. */
    public static final String WEIGHT_TENSOR = "__privkit_weight";

    /** The protocol's description for evidence records. */
    public static final String NAME = "pairwise masks with Shamir-shared seeds (Bonawitz et al. 2017), X25519, AES-CTR, AES-GCM";

    private SecAggProtocol() {
    }
}
