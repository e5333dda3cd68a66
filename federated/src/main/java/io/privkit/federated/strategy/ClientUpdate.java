package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import java.io.IOException;

/**
 * A client's accepted update for one round: a delta (local model minus global model) that passed
 * validation, with its bounded weight.
 *
 * <p>The values are read through {@link #open()} block by block, so a coordinator can hold a
 * round's updates on disk and aggregate them in O(model size) memory. {@link #inMemory} wraps an
 * array (tests, simulations, reference paths).
 *
 * <p>Implementations are immutable; {@link #open()} may be called any number of times.
 */
public interface ClientUpdate {

    /** The client's authenticated identity. */
    String clientId();

    /** The aggregation weight after bounds (e.g. local examples, capped); positive and finite. */
    double weight();

    /** The update's L2 norm as received, before any clipping. */
    double receivedNorm();

    /** The number of values (the model's size). */
    int size();

    /** A reader over the accepted values, from the first. */
    UpdateReader open() throws IOException;

    /** An update held in memory (the array is copied). */
    static ClientUpdate inMemory(String clientId, double weight, double[] values) {
        Checks.requireNonBlank(clientId, "clientId");
        Checks.requirePositive(weight, "weight");
        Checks.requireNonNull(values, "values");
        double[] copy = values.clone();
        double s = 0;
        for (double v : copy) {
            Checks.requireFinite(v, "update value of client '" + clientId + "'");
            s += v * v;
        }
        double norm = Math.sqrt(s);
        return new ClientUpdate() {
            @Override
            public String clientId() {
                return clientId;
            }

            @Override
            public double weight() {
                return weight;
            }

            @Override
            public double receivedNorm() {
                return norm;
            }

            @Override
            public int size() {
                return copy.length;
            }

            @Override
            public UpdateReader open() {
                return new UpdateReader() {
                    private int pos;

                    @Override
                    public int read(double[] target, int offset, int length) {
                        if (pos >= copy.length) {
                            return -1;
                        }
                        int n = Math.min(length, copy.length - pos);
                        System.arraycopy(copy, pos, target, offset, n);
                        pos += n;
                        return n;
                    }

                    @Override
                    public int addTo(double[] acc, int offset, int length, double weight) {
                        if (pos >= copy.length) {
                            return -1;
                        }
                        int n = Math.min(length, copy.length - pos);
                        for (int i = 0; i < n; i++) {
                            acc[offset + i] += weight * copy[pos + i];
                        }
                        pos += n;
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String toString() {
                return "ClientUpdate[" + clientId + ", weight " + weight + ", " + copy.length + " values]";
            }
        };
    }

    /** Reads every value into a new array (for tests and small models). */
    static double[] readAll(ClientUpdate update) throws IOException {
        double[] out = new double[update.size()];
        try (UpdateReader r = update.open()) {
            r.readFully(out, 0, out.length);
        }
        return out;
    }
}
