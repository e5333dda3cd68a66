package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;

/**
 * What randomness a computation used. A record computed with an insecure seeded source says so
 * here, with the seed, so nobody mistakes a test run for a production release.
 *
 * @param kind      secure or insecure-seeded
 * @param algorithm the generator's algorithm
 * @param seed      the seed of an insecure-seeded source; null for a secure one
 */
@Doc("The randomness the computation used. 'insecure-seeded' means anyone with the seed can reproduce every draw: acceptable for tests and replays, never for privacy noise in production.")
public record RandomnessStamp(
        @Doc("secure (a cryptographically secure generator) or insecure-seeded (deterministic, for tests and replay).")
        Randomness.Kind kind,
        @Doc("The generator's algorithm.") String algorithm,
        @Doc("The seed of an insecure-seeded source; null for a secure source.") @Nullable Long seed) {

    public RandomnessStamp {
        Checks.requireNonNull(kind, "randomness.kind");
        Checks.requireNonBlank(algorithm, "randomness.algorithm");
        if ((kind == Randomness.Kind.INSECURE_SEEDED) != (seed != null)) {
            throw Checks.argument("randomness.seed").mustBe("given exactly when kind is insecure-seeded")
                    .got(seed).fix("Build the stamp with RandomnessStamp.of(randomness).").exception();
        }
    }

    /** The stamp of a {@link Randomness} source. */
    public static RandomnessStamp of(Randomness randomness) {
        Randomness.Description d = Checks.requireNonNull(randomness, "randomness").describe();
        return new RandomnessStamp(d.kind(), d.algorithm(), d.seed().isPresent() ? d.seed().getAsLong() : null);
    }

    /** Whether the computation used an insecure seeded source. */
    public boolean insecure() {
        return kind == Randomness.Kind.INSECURE_SEEDED;
    }
}
