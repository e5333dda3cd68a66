package io.privkit.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorEncodingTest {

    @Test
    void encodeDecode_float64Exact_float32RoundedToNearest() {
        double[] v = {0.1, -3.5, 1e-30, Double.MAX_VALUE / 2, Double.NaN};
        assertArrayEquals(v, TensorEncoding.FLOAT64_LE.decode(TensorEncoding.FLOAT64_LE.encode(v), 5));
        double[] f = TensorEncoding.FLOAT32_LE.decode(TensorEncoding.FLOAT32_LE.encode(v), 5);
        assertEquals((float) 0.1, f[0]);
        assertEquals(Double.POSITIVE_INFINITY, f[3], "overflows binary32; validation rejects it as non-finite");
        assertEquals(0x3d, TensorEncoding.FLOAT32_LE.encode(new double[] {0.1})[3] & 0xff, "little-endian: high byte last");
    }

    @Test
    void decode_wrongLength_rejectedNamingBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorEncoding.FLOAT32_LE.decode(new byte[10], 3));
        assertEquals("encoded tensor must be 12 bytes (3 FLOAT32_LE elements); got 10. Send exactly one value per parameter.",
                e.getMessage());
    }

    /** The fused decode-and-add of the aggregation hot loop against decode, then add (the obvious path). */
    @Test
    void addScaled_equalsDecodeThenAdd_bothEncodings_acrossChunkBoundaries() {
        Random r = new Random(5);
        for (TensorEncoding enc : TensorEncoding.values()) {
            double[] v = new double[10_001];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian();
            }
            ByteBuffer bytes = ByteBuffer.wrap(enc.encode(v)).order(ByteOrder.LITTLE_ENDIAN);
            double[] fused = new double[v.length + 3];
            double[] reference = new double[v.length + 3];
            java.util.Arrays.fill(fused, 1.0);
            java.util.Arrays.fill(reference, 1.0);
            ByteBuffer a = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            enc.addScaled(a, fused, 3, 6000, 2.5);
            enc.addScaled(a, fused, 6003, v.length - 6000, 2.5);
            assertEquals(a.limit(), a.position());
            double[] decoded = enc.decode(enc.encode(v), v.length);
            for (int i = 0; i < v.length; i++) {
                reference[3 + i] += 2.5 * decoded[i];
            }
            assertArrayEquals(reference, fused, 0, enc.name());
        }
    }
}
