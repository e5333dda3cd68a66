package io.privkit.federated.secagg;

import io.privkit.common.Checks;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir's t-out-of-n secret sharing (A. Shamir, "How to Share a Secret", CACM 22(11), 1979) over
 * the prime field GF(p), {@code p = 2^521 - 1} (a Mersenne prime), which holds any secret of up to 64
 * bytes as one field element.
 *
 * <p>Split: pick {@code a_1 .. a_{t-1}} uniformly in GF(p) and give party {@code x} (1-based) the
 * point {@code f(x) = s + a_1 x + ... + a_{t-1} x^{t-1}}. Combine: Lagrange interpolation at zero,
 * {@code s = Σ_j f(x_j) Π_{m≠j} x_m / (x_m - x_j)}. Any {@code t} shares give {@code s}; any
 * {@code t - 1} shares are independent of it (information-theoretic).
 *
 * <p>A share is encoded as 66 bytes, big-endian. Stateless and thread-safe.
 */
public final class Shamir {
    /** The field modulus 2^521 - 1. */
    public static final BigInteger P = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
    /** Encoded share length in bytes. */
    public static final int SHARE_BYTES = 66;
    /** The longest secret. */
    public static final int MAX_SECRET_BYTES = 64;

    private Shamir() {
    }

    /**
     * One share.
     *
     * @param x the party's point, 1..n
     * @param y the polynomial's value there, in [0, p)
     */
    public record Share(int x, BigInteger y) {
        public Share {
            if (x < 1) {
                throw Checks.argument("share x").mustBe(">= 1").got(x).noFix().exception();
            }
            Checks.requireNonNull(y, "share y");
            if (y.signum() < 0 || y.compareTo(P) >= 0) {
                throw Checks.argument("share y").mustBe("in [0, 2^521 - 1)").got("out of range").noFix().exception();
            }
        }

        /** 66 bytes, big-endian. */
        public byte[] encode() {
            byte[] raw = y.toByteArray();
            byte[] out = new byte[SHARE_BYTES];
            int n = Math.min(raw.length, SHARE_BYTES);
            System.arraycopy(raw, raw.length - n, out, SHARE_BYTES - n, n);
            return out;
        }

        /** Decodes {@link #encode()} for point {@code x}. */
        public static Share decode(int x, byte[] bytes) {
            Checks.requireNonNull(bytes, "share bytes");
            if (bytes.length != SHARE_BYTES) {
                throw Checks.argument("share").mustBe(SHARE_BYTES + " bytes").got(bytes.length).noFix().exception();
            }
            return new Share(x, new BigInteger(1, bytes));
        }
    }

    /** Splits {@code secret} into shares for points 1..n, any {@code threshold} of which recover it. */
    public static List<Share> split(byte[] secret, int threshold, int n, SecureRandom random) {
        Checks.requireNonNull(secret, "secret");
        if (secret.length == 0 || secret.length > MAX_SECRET_BYTES) {
            throw Checks.argument("secret").mustBe("1 to 64 bytes").got(secret.length).noFix().exception();
        }
        requireThreshold(threshold, n);
        Checks.requireNonNull(random, "random");
        BigInteger[] coeff = new BigInteger[threshold];
        coeff[0] = new BigInteger(1, secret);
        for (int i = 1; i < threshold; i++) {
            coeff[i] = uniform(random);
        }
        List<Share> out = new ArrayList<>(n);
        for (int x = 1; x <= n; x++) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger y = BigInteger.ZERO;
            for (int i = threshold - 1; i >= 0; i--) {   // Horner
                y = y.multiply(bx).add(coeff[i]).mod(P);
            }
            out.add(new Share(x, y));
        }
        return out;
    }

    /**
     * Recovers a secret of {@code secretLength} bytes from at least {@code threshold} shares with
     * distinct points (the first {@code threshold} are used).
     *
     * @throws IllegalArgumentException with fewer than {@code threshold} distinct shares, or when the
     *                                  interpolated value does not fit in {@code secretLength} bytes
     *                                  (a wrong share)
     */
    public static byte[] combine(List<Share> shares, int threshold, int secretLength) {
        Checks.requireNoNullElements(shares, "shares");
        Checks.requirePositive(threshold, "threshold");
        List<Share> use = new ArrayList<>();
        Set<Integer> xs = new HashSet<>();
        for (Share s : shares) {
            if (xs.add(s.x()) && use.size() < threshold) {
                use.add(s);
            }
        }
        if (use.size() < threshold) {
            throw Checks.argument("shares").mustBe("at least " + threshold + " with distinct points").got(use.size())
                    .fix("Collect shares from at least the threshold number of surviving clients.").exception();
        }
        int[] points = use.stream().mapToInt(Share::x).toArray();
        BigInteger[] lambda = lagrangeAtZero(points);
        BigInteger s = BigInteger.ZERO;
        for (int j = 0; j < use.size(); j++) {
            s = s.add(use.get(j).y().multiply(lambda[j])).mod(P);
        }
        if (s.bitLength() > 8 * secretLength) {
            throw Checks.argument("shares").mustBe("consistent (shares of one secret)").got("a value of " + s.bitLength() + " bits")
                    .noFix().exception();
        }
        byte[] raw = s.toByteArray();
        byte[] out = new byte[secretLength];
        int n = Math.min(raw.length, secretLength);
        System.arraycopy(raw, raw.length - n, out, secretLength - n, n);
        return out;
    }

    /** Lagrange coefficients at zero for distinct points: {@code λ_j = Π_{m≠j} x_m / (x_m - x_j) mod p}. */
    public static BigInteger[] lagrangeAtZero(int[] points) {
        BigInteger[] out = new BigInteger[points.length];
        for (int j = 0; j < points.length; j++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int m = 0; m < points.length; m++) {
                if (m != j) {
                    num = num.multiply(BigInteger.valueOf(points[m])).mod(P);
                    den = den.multiply(BigInteger.valueOf(points[m] - points[j])).mod(P);
                }
            }
            out[j] = num.multiply(den.modInverse(P)).mod(P);
        }
        return out;
    }

    private static BigInteger uniform(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(521, random);
        } while (r.compareTo(P) >= 0);
        return r;
    }

    private static void requireThreshold(int threshold, int n) {
        if (n < 1 || threshold < 1 || threshold > n) {
            throw Checks.argument("threshold").mustBe("between 1 and n (" + n + ")").got(threshold)
                    .fix("Use about two thirds of the participants.").exception();
        }
    }
}
