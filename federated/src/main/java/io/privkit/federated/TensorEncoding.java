package io.privkit.federated;

import io.privkit.common.Checks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How tensor values travel: IEEE 754 binary32 or binary64, little-endian, elements concatenated in
 * {@link ModelSpec} order. The byte length of a model or update is therefore exactly
 * {@code size * bytesPerElement()}, which every receiver checks before reading a byte.
 *
 * <p>{@link #FLOAT32_LE} halves the traffic; values are rounded to nearest binary32 when encoded
 * (relative error at most 2<sup>-24</sup>). Decoding never produces a value that was not sent; a
 * non-finite value decodes as itself and is rejected by the receiver's validation.
 */
public enum TensorEncoding {
    /** IEEE 754 binary32, little-endian. */
    FLOAT32_LE(4),
    /** IEEE 754 binary64, little-endian. */
    FLOAT64_LE(8);

    private static final int DECODE_CHUNK = 4096;
    /** Per-thread scratch for binary32 decoding (no allocation in the hot loop). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[DECODE_CHUNK]);
    private final int bytesPerElement;

    TensorEncoding(int bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    /** 4 or 8. */
    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** The exact byte length of {@code elements} values. */
    public long byteLength(long elements) {
        return Checks.requireNonNegative(elements, "elements") * bytesPerElement;
    }

    /** Encodes all of {@code values}. */
    public byte[] encode(double[] values) {
        Checks.requireNonNull(values, "values");
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(byteLength(values.length))).order(ByteOrder.LITTLE_ENDIAN);
        if (this == FLOAT32_LE) {
            for (double v : values) {
                buf.putFloat((float) v);
            }
        } else {
            for (double v : values) {
                buf.putDouble(v);
            }
        }
        return buf.array();
    }

    /**
     * Decodes {@code count} elements from {@code src} (from its position, which advances) into
     * {@code dst[offset .. offset + count)}. {@code src} must hold at least
     * {@code count * bytesPerElement()} bytes.
     */
    public void decode(ByteBuffer src, double[] dst, int offset, int count) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (this == FLOAT32_LE) {
            // Bulk copy (a plain memory copy on little-endian hardware), then widen: both loops vectorise.
            java.nio.FloatBuffer fb = b.asFloatBuffer();
            float[] tmp = SCRATCH.get();
            for (int done = 0; done < count; ) {
                int n = Math.min(tmp.length, count - done);
                fb.get(tmp, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[offset + done + i] = tmp[i];
                }
                done += n;
            }
        } else {
            b.asDoubleBuffer().get(dst, offset, count);
        }
        src.position(src.position() + count * bpe());
    }

    /**
     * Adds {@code weight} times {@code count} elements decoded from {@code src} (from its position,
     * which advances) to {@code acc[offset ..]}: one fused pass, the inner loop of streaming
     * aggregation. Equal to decoding and then adding (a test compares them).
     */
    public void addScaled(ByteBuffer src, double[] acc, int offset, int count, double weight) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (this == FLOAT32_LE) {
            java.nio.FloatBuffer fb = b.asFloatBuffer();
            float[] tmp = SCRATCH.get();
            for (int done = 0; done < count; ) {
                int n = Math.min(tmp.length, count - done);
                fb.get(tmp, 0, n);
                int base = offset + done;
                for (int i = 0; i < n; i++) {
                    acc[base + i] += weight * tmp[i];
                }
                done += n;
            }
        } else {
            java.nio.DoubleBuffer db = b.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                acc[offset + i] += weight * db.get(i);
            }
        }
        src.position(src.position() + count * bpe());
    }

    private int bpe() {
        return bytesPerElement;
    }

    /** Decodes a whole byte array of exactly {@code expectedElements} elements. */
    public double[] decode(byte[] bytes, int expectedElements) {
        Checks.requireNonNull(bytes, "bytes");
        if (bytes.length != byteLength(expectedElements)) {
            throw Checks.argument("encoded tensor").mustBe(byteLength(expectedElements) + " bytes (" + expectedElements
                    + " " + this + " elements)").got(bytes.length).fix("Send exactly one value per parameter.").exception();
        }
        double[] out = new double[expectedElements];
        decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), out, 0, expectedElements);
        return out;
    }
}
