package io.privkit.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The one source of randomness every Privkit component takes by injection: secure by default,
 * seeded only under a name that warns.
 *
 * <ul>
 *   <li>{@link #secure()} draws from {@link SecureRandom} (the platform's default, non-blocking
 *       CSPRNG). This is what privacy noise must use, and what every API uses when the caller
 *       passes nothing.</li>
 *   <li>{@link #insecureSeeded(long)} is deterministic: the same seed gives the same stream on every
 *       JVM and every Java version, so tests and replays of shuffles, bootstraps and permutations
 *       are exact. It marks itself ({@link #isInsecure()}, {@link #describe()}) so that evidence
 *       records stamp it and the CLI can refuse it for privacy noise unless asked explicitly.
 *       Anyone who knows the seed can reproduce every draw, so noise drawn from it gives no
 *       privacy.</li>
 * </ul>
 *
 * <p><b>Seeded algorithm.</b> xoshiro256** seeded by SplitMix64, both fully specified in
 * D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number Generators", ACM Transactions on
 * Mathematical Software 47(4), 2021. The JDK's own generators are not used for seeding because
 * their seeded output is only promised to repeat within one program execution.
 *
 * <p><b>Derived values.</b> {@link #nextLong(long)} and {@link #nextInt(int)} are exactly uniform
 * (rejection of the biased top range); {@link #nextDouble()} is uniform on the 2<sup>53</sup>-point
 * grid {@code k / 2^53} in [0, 1).
 *
 * <p><b>Thread-safety.</b> Thread-safe. The seeded generator serialises callers with a lock, so
 * for parallel work give each thread its own {@link #derive(String) derived} stream, which also
 * keeps a seeded run reproducible regardless of scheduling.
 */
public final class Randomness {

    /** Where the bits come from. */
    public enum Kind {
        /** A cryptographically secure generator ({@link SecureRandom}). */
        SECURE,
        /** A deterministic generator from a caller-chosen seed: for tests and replay only. */
        INSECURE_SEEDED
    }

    /**
     * What to stamp into evidence about a run's randomness.
     *
     * @param kind      secure or insecure-seeded
     * @param algorithm the generator's algorithm name
     * @param seed      the seed, present only for {@link Kind#INSECURE_SEEDED}
     */
    public record Description(Kind kind, String algorithm, OptionalLong seed) {
        public Description {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(seed, "seed");
        }
    }

    private static final String SEEDED_ALGORITHM = "xoshiro256**/splitmix64";

    private final SecureRandom secure;   // non-null iff kind == SECURE
    private final Xoshiro256 seeded;     // non-null iff kind == INSECURE_SEEDED
    private final long seed;

    private Randomness(SecureRandom secure, Xoshiro256 seeded, long seed) {
        this.secure = secure;
        this.seeded = seeded;
        this.seed = seed;
    }

    /** A new secure source backed by a fresh {@link SecureRandom}. */
    public static Randomness secure() {
        return new Randomness(new SecureRandom(), null, 0L);
    }

    /**
     * A secure source backed by the given generator, for callers that manage their own
     * {@link SecureRandom} (a hardware or FIPS provider, say).
     */
    public static Randomness secure(SecureRandom source) {
        return new Randomness(Objects.requireNonNull(source, "source"), null, 0L);
    }

    /**
     * A deterministic source for tests and replay. <b>Not for privacy noise in production</b>:
     * anyone who knows the seed can subtract the noise. Every record made with it says so.
     */
    public static Randomness insecureSeeded(long seed) {
        return new Randomness(null, new Xoshiro256(seed), seed);
    }

    /** Whether the stream is secure or seeded. */
    public Kind kind() {
        return secure != null ? Kind.SECURE : Kind.INSECURE_SEEDED;
    }

    /** True for {@link #insecureSeeded(long)} sources. */
    public boolean isInsecure() {
        return secure == null;
    }

    /** The seed of an insecure-seeded source; empty for a secure one. */
    public OptionalLong seed() {
        return isInsecure() ? OptionalLong.of(seed) : OptionalLong.empty();
    }

    /** What to stamp into evidence: kind, algorithm and (for a seeded source) the seed. */
    public Description describe() {
        return isInsecure()
                ? new Description(Kind.INSECURE_SEEDED, SEEDED_ALGORITHM, OptionalLong.of(seed))
                : new Description(Kind.SECURE, "SecureRandom/" + secure.getAlgorithm(), OptionalLong.empty());
    }

    /**
     * An independent stream for a named purpose (a thread, a fold, a round). A seeded source
     * derives the child seed from SHA-256 of its own seed and the label, so the child does not
     * depend on how much of the parent was consumed; a secure source returns a new secure source.
     */
    public Randomness derive(String label) {
        Checks.requireNonNull(label, "label");
        if (!isInsecure()) {
            return new Randomness(new SecureRandom(), null, 0L);
        }
        return insecureSeeded(deriveSeed(seed, label));
    }

    /** 64 uniform random bits. */
    public long nextLong() {
        return isInsecure() ? seeded.nextLong() : secure.nextLong();
    }

    /** A uniform value in {@code [0, bound)}; exactly uniform. */
    public long nextLong(long bound) {
        Checks.requirePositive(bound, "bound");
        long mask = bound - 1;
        if ((bound & mask) == 0) {
            return nextLong() & mask;
        }
        // Rejection: accept u only below the largest multiple of bound in [0, 2^63).
        long u = nextLong() >>> 1;
        long r;
        while (u - (r = u % bound) + mask < 0) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** A uniform value in {@code [0, bound)}; exactly uniform. */
    public int nextInt(int bound) {
        return (int) nextLong(Checks.requirePositive(bound, "bound"));
    }

    /** A uniform value on the grid {@code k / 2^53}, {@code k = 0 .. 2^53 - 1}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A fair coin. */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Fills {@code bytes} with uniform random bytes. */
    public void nextBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (!isInsecure()) {
            secure.nextBytes(bytes);
            return;
        }
        int i = 0;
        while (i < bytes.length) {
            long v = seeded.nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, i++) {
                bytes[i] = (byte) v;
                v >>>= 8;
            }
        }
    }

    /**
     * A {@link Random} view for third-party APIs that take one (shuffles, initialisers). For a
     * secure source it is the {@link SecureRandom} itself; for a seeded source, a {@code Random}
     * whose bits come from this stream. Do not use the view's {@code nextGaussian} for privacy
     * noise: use the samplers in {@code io.privkit.dp.noise}.
     */
    public Random asRandom() {
        if (!isInsecure()) {
            return secure;
        }
        return new SeededRandomView(this);
    }

    @Override
    public String toString() {
        Description d = describe();
        return "Randomness[" + d.kind() + ", " + d.algorithm()
                + (d.seed().isPresent() ? ", seed=" + d.seed().getAsLong() : "") + "]";
    }

    static long deriveSeed(long parentSeed, String label) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(parentSeed).array());
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** xoshiro256** (Blackman and Vigna 2021), state filled by SplitMix64 from a 64-bit seed. */
    private static final class Xoshiro256 {
        private long s0;
        private long s1;
        private long s2;
        private long s3;

        Xoshiro256(long seed) {
            long x = seed;
            x += 0x9E3779B97F4A7C15L;
            s0 = mix(x);
            x += 0x9E3779B97F4A7C15L;
            s1 = mix(x);
            x += 0x9E3779B97F4A7C15L;
            s2 = mix(x);
            x += 0x9E3779B97F4A7C15L;
            s3 = mix(x);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        synchronized long nextLong() {
            long result = Long.rotateLeft(s1 * 5, 7) * 9;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            return result;
        }
    }

    /** A {@link Random} whose bits come from a seeded {@link Randomness}. */
    private static final class SeededRandomView extends Random {
        private static final long serialVersionUID = 1L;
        private final transient Randomness source;

        SeededRandomView(Randomness source) {
            super(0L);
            this.source = source;
        }

        @Override
        protected int next(int bits) {
            return (int) (source.nextLong() >>> (64 - bits));
        }

        @Override
        public long nextLong() {
            return source.nextLong();
        }

        @Override
        public double nextDouble() {
            return source.nextDouble();
        }

        @Override
        public void setSeed(long seed) {
            // The stream is defined by the Randomness it views; reseeding is not supported.
            // Random's constructor calls this once before 'source' is assigned: allow that call only.
            if (source != null) {
                throw new UnsupportedOperationException(
                        "setSeed is not supported on a Randomness view; create Randomness.insecureSeeded(seed)");
            }
        }
    }
}
