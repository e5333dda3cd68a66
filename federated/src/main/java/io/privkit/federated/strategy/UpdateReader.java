package io.privkit.federated.strategy;

import java.io.IOException;

/**
 * Reads one client update's values in order, a block at a time, so that aggregation never needs
 * more than a block of each update in memory. Single-use and not thread-safe.
 */
public interface UpdateReader extends AutoCloseable {

    /**
     * Reads up to {@code length} values into {@code target[offset ..]}; returns how many were read,
     * or -1 at the end. The values are those validation accepted (already clipped when the policy
     * clips).
     */
    int read(double[] target, int offset, int length) throws IOException;

    /** Reads exactly {@code length} values, or throws at a premature end. */
    default void readFully(double[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(target, offset + done, length - done);
            if (n < 0) {
                throw new java.io.EOFException("update ended after " + done + " of " + length + " values");
            }
            done += n;
        }
    }

    /**
     * Adds {@code weight} times up to {@code length} next values to {@code acc[offset ..]}; returns
     * how many were added, or -1 at the end. The default reads into a scratch array; readers over
     * encoded bytes override it with one fused pass.
     */
    default int addTo(double[] acc, int offset, int length, double weight) throws IOException {
        double[] tmp = new double[Math.min(length, 8192)];
        int n = read(tmp, 0, tmp.length);
        for (int i = 0; i < n; i++) {
            acc[offset + i] += weight * tmp[i];
        }
        return n;
    }

    @Override
    void close() throws IOException;
}
