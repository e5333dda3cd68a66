package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strategy's state between rounds (server optimiser moments, step counts), as named vectors and
 * scalars, so that a coordinator checkpoint can save it and a restarted coordinator continue
 * exactly where it stopped.
 *
 * <p>{@link #toBytes()} is a versioned binary encoding (never Java serialisation); {@link #fromBytes}
 * rejects anything else. Immutable: arrays are copied in and out. Thread-safe.
 */
public final class StrategyState {
    private static final int MAGIC = 0x50_4B_53_53; // "PKSS"
    private static final int VERSION = 1;

    /** The state of a stateless strategy. */
    public static final StrategyState EMPTY = new StrategyState(Map.of(), Map.of());

    private final Map<String, double[]> vectors;
    private final Map<String, Double> scalars;

    private StrategyState(Map<String, double[]> vectors, Map<String, Double> scalars) {
        TreeMap<String, double[]> v = new TreeMap<>();
        Checks.requireNoNullEntries(vectors, "vectors").forEach((k, a) -> v.put(k, a.clone()));
        this.vectors = Collections.unmodifiableMap(v);
        this.scalars = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(scalars, "scalars")));
    }

    /** A state of the given named vectors and scalars (copied). */
    public static StrategyState of(Map<String, double[]> vectors, Map<String, Double> scalars) {
        return new StrategyState(vectors, scalars);
    }

    /** A copy of the named vector, or null. */
    public double[] vector(String name) {
        double[] v = vectors.get(name);
        return v == null ? null : v.clone();
    }

    /** The named scalar, or {@code fallback}. */
    public double scalar(String name, double fallback) {
        Double d = scalars.get(name);
        return d == null ? fallback : d;
    }

    /** The names of the vectors. */
    public java.util.Set<String> vectorNames() {
        return vectors.keySet();
    }

    /** The versioned binary encoding. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(vectors.size());
            for (Map.Entry<String, double[]> e : vectors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (double d : e.getValue()) {
                    out.writeDouble(d);
                }
            }
            out.writeInt(scalars.size());
            for (Map.Entry<String, Double> e : scalars.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes {@link #toBytes()}. */
    public static StrategyState fromBytes(byte[] encoded) {
        Checks.requireNonNull(encoded, "encoded");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readInt() != MAGIC) {
                throw Checks.argument("strategy state").mustBe("a Privkit strategy state").got("other bytes")
                        .fix("Restore from the checkpoint the coordinator wrote.").exception();
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw Checks.argument("strategy state version").mustBe(String.valueOf(VERSION)).got(version)
                        .fix("Resume with the Privkit version that wrote the checkpoint.").exception();
            }
            Map<String, double[]> v = new TreeMap<>();
            int nv = in.readInt();
            for (int i = 0; i < nv; i++) {
                String name = in.readUTF();
                int len = in.readInt();
                if (len < 0 || len > encoded.length / 8) {
                    throw Checks.argument("strategy state vector '" + name + "'").mustBe("of a plausible length").got(len).noFix().exception();
                }
                double[] a = new double[len];
                for (int j = 0; j < len; j++) {
                    a[j] = in.readDouble();
                }
                v.put(name, a);
            }
            Map<String, Double> s = new TreeMap<>();
            int ns = in.readInt();
            for (int i = 0; i < ns; i++) {
                s.put(in.readUTF(), in.readDouble());
            }
            return new StrategyState(v, s);
        } catch (IOException e) {
            throw Checks.argument("strategy state").mustBe("complete").got("truncated bytes (" + e.getMessage() + ")")
                    .fix("Restore from an intact checkpoint.").exception();
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StrategyState s) || !s.scalars.equals(scalars) || !s.vectors.keySet().equals(vectors.keySet())) {
            return false;
        }
        for (String k : vectors.keySet()) {
            if (!Arrays.equals(vectors.get(k), s.vectors.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = scalars.hashCode();
        for (Map.Entry<String, double[]> e : vectors.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "StrategyState[vectors " + vectors.keySet() + ", scalars " + scalars + "]";
    }
}
