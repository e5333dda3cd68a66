package io.privkit.federated.secagg;

import io.privkit.common.Checks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fixed-point encoding of real values in the ring {@code Z/2^b} ({@code b} = 32 or 64) with
 * {@code f} fraction bits: {@code x ↦ round(x · 2^f) mod 2^b} (round half to even), decoded by
 * reading the residue as a two's-complement {@code b}-bit integer and dividing by {@code 2^f}.
 * Sums of encodings decode to the sum of the rounded values as long as the true sum stays in
 * {@code (-2^(b-1), 2^(b-1))}; {@link SecureAggregationConfig#fractionBits} picks {@code f} so it
 * does. Rounding error: at most {@code 2^-(f+1)} per encoded value.
 *
 * @param ringBits     32 or 64
 * @param fractionBits f, 0 to 52
 */
public record FixedPoint(int ringBits, int fractionBits) {

    public FixedPoint {
        if (ringBits != 32 && ringBits != 64) {
            throw Checks.argument("ringBits").mustBe("32 or 64").got(ringBits).noFix().exception();
        }
        if (fractionBits < 0 || fractionBits > 52) {
            throw Checks.argument("fractionBits").mustBe("in 0..52").got(fractionBits).noFix().exception();
        }
    }

    /** Bytes per element on the wire. */
    public int bytesPerElement() {
        return ringBits / 8;
    }

    /** {@code round(x · 2^f)} as a ring element (kept as a long; reduce with {@link #reduce}). */
    public long encode(double x) {
        double scaled = Math.rint(Math.scalb(x, fractionBits));
        if (!(Math.abs(scaled) < 0x1p62)) {
            throw Checks.argument("value").mustBe("within the fixed-point range").got(x).noFix().exception();
        }
        return (long) scaled;
    }

    /** The canonical representative modulo 2^b. */
    public long reduce(long v) {
        return ringBits == 64 ? v : v & 0xFFFFFFFFL;
    }

    /** The signed integer a residue stands for. */
    public long signed(long v) {
        return ringBits == 64 ? v : (long) (int) v;
    }

    /** Decodes a residue: {@code signed(v) / 2^f}. */
    public double decode(long v) {
        return Math.scalb((double) signed(v), -fractionBits);
    }

    /** Little-endian bytes of the reduced elements. */
    public byte[] toBytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * bytesPerElement()).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            if (ringBits == 64) {
                b.putLong(x);
            } else {
                b.putInt((int) x);
            }
        }
        return b.array();
    }

    /** Adds (mod 2^64) the elements encoded in {@code bytes} to {@code acc}. */
    public void addBytes(byte[] bytes, long[] acc) {
        if (bytes.length != acc.length * bytesPerElement()) {
            throw Checks.argument("masked input").mustBe((acc.length * bytesPerElement()) + " bytes").got(bytes.length).noFix().exception();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < acc.length; i++) {
            acc[i] += ringBits == 64 ? b.getLong(8 * i) : b.getInt(4 * i) & 0xFFFFFFFFL;
        }
    }
}
