package io.privkit.federated;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A model's parameters: a {@link ModelSpec} and the flat vector of its values in double precision.
 *
 * <p>Immutable: the constructor and {@link #values()} copy. Every value is finite (checked).
 * {@link #sha256()} is the digest evidence records cite: SHA-256 of the values as IEEE 754 binary64
 * little-endian, in spec order (the tensor names and shapes are bound separately by
 * {@link ModelSpec#digest()}).
 *
 * <p>Thread-safe.
 */
public final class ModelWeights {
    private final ModelSpec spec;
    private final double[] values;

    private ModelWeights(ModelSpec spec, double[] values, boolean copy) {
        this.spec = Checks.requireNonNull(spec, "spec");
        Checks.requireNonNull(values, "values");
        if (values.length != spec.size()) {
            throw Checks.argument("values").mustBe("as long as the model (" + spec.size() + " parameters)")
                    .got(values.length).fix("Pass one value per parameter, tensors in spec order.").exception();
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw Checks.argument("values[" + i + "]").mustBe("finite").got(values[i])
                        .fix("Check the model for diverged training.").exception();
            }
        }
        this.values = copy ? values.clone() : values;
    }

    /** Parameters with the given values (copied). */
    public static ModelWeights of(ModelSpec spec, double[] values) {
        return new ModelWeights(spec, values, true);
    }

    /** All-zero parameters. */
    public static ModelWeights zeros(ModelSpec spec) {
        return new ModelWeights(spec, new double[spec.size()], false);
    }

    /** Takes ownership of {@code values} without copying; for code in this module that made the array. */
    static ModelWeights wrap(ModelSpec spec, double[] values) {
        return new ModelWeights(spec, values, false);
    }

    /** The tensor names and shapes. */
    public ModelSpec spec() {
        return spec;
    }

    /** The number of parameters. */
    public int size() {
        return values.length;
    }

    /** A copy of the flat values. */
    public double[] values() {
        return values.clone();
    }

    /** One value. */
    public double get(int index) {
        return values[index];
    }

    /** Copies the values into {@code target} (as long as the model). */
    public void copyInto(double[] target) {
        Checks.requireNonNull(target, "target");
        if (target.length != values.length) {
            throw Checks.argument("target").mustBe("of length " + values.length).got(target.length).noFix().exception();
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /** A copy of one tensor's values, by name. */
    public double[] tensor(String name) {
        int i = spec.indexOf(name);
        if (i < 0) {
            throw Checks.argument("tensor name").mustBe("one of the model's tensors").got(name)
                    .fix("Use a name from spec().tensors().").exception();
        }
        int off = spec.offset(i);
        return Arrays.copyOfRange(values, off, off + spec.tensors().get(i).size());
    }

    /** This model plus {@code delta} scaled by {@code scale}: {@code w + scale * delta}. */
    public ModelWeights plus(double[] delta, double scale) {
        Checks.requireNonNull(delta, "delta");
        Checks.requireFinite(scale, "scale");
        if (delta.length != values.length) {
            throw Checks.argument("delta").mustBe("of length " + values.length).got(delta.length).noFix().exception();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] + scale * delta[i];
        }
        return new ModelWeights(spec, out, false);
    }

    /** The L2 distance to {@code other}, a model of the same spec. */
    public double distanceTo(ModelWeights other) {
        Checks.requireNonNull(other, "other");
        if (!other.spec.equals(spec)) {
            throw Checks.argument("other").mustBe("a model of the same spec").got(other.spec.digest()).noFix().exception();
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - other.values[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** SHA-256 of the values as binary64 little-endian, in order. */
    public Sha256 sha256() {
        MessageDigest md = Sha256.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (!buf.hasRemaining()) {
                md.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(v);
        }
        md.update(buf.array(), 0, buf.position());
        return Sha256.fromBytes(md.digest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelWeights m && m.spec.equals(spec) && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * spec.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ModelWeights[" + values.length + " parameters, sha256 " + sha256().hex().substring(0, 12) + "]";
    }
}
