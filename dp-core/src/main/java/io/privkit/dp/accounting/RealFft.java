package io.privkit.dp.accounting;

/**
 * The FFT of a real sequence of length N through one complex FFT of length N/2 (pack even and odd
 * samples as real and imaginary parts, then untangle with the twiddles e<sup>−2πik/N</sup>). The
 * spectrum of a real sequence is Hermitian, so only X<sub>0</sub>..X<sub>N/2</sub> are kept.
 *
 * <p>Not thread-safe.
 */
final class RealFft {
    private final int n;
    private final int m;
    private final Fft half;
    private final double[] wr;
    private final double[] wi;

    RealFft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("length must be a power of two >= 4; got " + n);
        }
        this.n = n;
        this.m = n / 2;
        this.half = new Fft(m);
        this.wr = new double[m + 1];
        this.wi = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            double a = -2 * Math.PI * k / n;
            wr[k] = Math.cos(a);
            wi[k] = Math.sin(a);
        }
    }

    int length() {
        return n;
    }

    /** X_0..X_{N/2} of the real x (length N), into re and im (length N/2 + 1). */
    void forward(double[] x, double[] re, double[] im) {
        double[] zr = new double[m];
        double[] zi = new double[m];
        for (int j = 0; j < m; j++) {
            zr[j] = x[2 * j];
            zi[j] = x[2 * j + 1];
        }
        half.forward(zr, zi);
        for (int k = 0; k <= m; k++) {
            int a = k % m;
            int b = (m - k) % m;
            double ar = zr[a];
            double ai = zi[a];
            double br = zr[b];
            double bi = -zi[b];   // conj(Z_{M-k})
            double er = (ar + br) / 2;
            double ei = (ai + bi) / 2;
            // O = (Z_k - conj(Z_{M-k})) / (2i)
            double dr = (ar - br) / 2;
            double di = (ai - bi) / 2;
            double or = di;
            double oi = -dr;
            re[k] = er + wr[k] * or - wi[k] * oi;
            im[k] = ei + wr[k] * oi + wi[k] * or;
        }
    }

    /** The real x (length N) whose spectrum is X_0..X_{N/2} (Hermitian). */
    void inverse(double[] re, double[] im, double[] x) {
        double[] zr = new double[m];
        double[] zi = new double[m];
        for (int k = 0; k < m; k++) {
            double ar = re[k];
            double ai = im[k];
            double br = re[m - k];
            double bi = -im[m - k];   // conj(X_{M-k})
            double er = (ar + br) / 2;
            double ei = (ai + bi) / 2;
            double dr = (ar - br) / 2;
            double di = (ai - bi) / 2;
            // O = (X_k - conj(X_{M-k})) W^{-k} / 2, W^{-k} = conj(w_k)
            double or = dr * wr[k] + di * wi[k];
            double oi = di * wr[k] - dr * wi[k];
            zr[k] = er - oi;
            zi[k] = ei + or;
        }
        half.inverse(zr, zi);
        for (int j = 0; j < m; j++) {
            x[2 * j] = zr[j];
            x[2 * j + 1] = zi[j];
        }
    }
}
