package io.privkit.dp.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A non-negative rational number n/d in lowest terms, for exact sampler parameters. Every finite
 * double is a dyadic rational, so {@link #of(double)} is exact. Immutable.
 *
 * @param numerator   n ≥ 0
 * @param denominator d &gt; 0
 */
record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {

    Rational {
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("rational must be n/d with n >= 0 and d > 0; got " + numerator + "/" + denominator);
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    static Rational of(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** The exact value of a finite, non-negative double. */
    static Rational of(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be finite and >= 0; got " + value);
        }
        BigDecimal exact = new BigDecimal(value);
        if (exact.scale() <= 0) {
            return new Rational(exact.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Rational(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    }

    Rational multiply(Rational o) {
        return new Rational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    Rational add(Rational o) {
        return new Rational(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    Rational divide(Rational o) {
        if (o.numerator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    /** ⌊n/d⌋. */
    BigInteger floor() {
        return numerator.divide(denominator);
    }

    /** The largest double ≤ this value. */
    double toDoubleFloor() {
        return toDouble(RoundingMode.FLOOR);
    }

    /** The smallest double ≥ this value. */
    double toDoubleCeiling() {
        return toDouble(RoundingMode.CEILING);
    }

    private double toDouble(RoundingMode mode) {
        BigDecimal v = new BigDecimal(numerator).divide(new BigDecimal(denominator), new MathContext(40, mode));
        double d = v.doubleValue();   // nearest
        BigDecimal back = new BigDecimal(d);
        int cmp = back.compareTo(v);
        if (mode == RoundingMode.FLOOR && cmp > 0) {
            d = Math.nextDown(d);
        } else if (mode == RoundingMode.CEILING && cmp < 0) {
            d = Math.nextUp(d);
        }
        return d;
    }

    @Override
    public int compareTo(Rational o) {
        return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
