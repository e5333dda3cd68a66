package io.privkit.dp.accounting;

/**
 * Radix-2 complex FFT in the Stockham auto-sort form (no bit reversal; every stage reads and
 * writes contiguous runs, which suits the JVM), on split real and imaginary arrays, with twiddle
 * factors computed directly by {@link Math#cos} and {@link Math#sin} (no recurrence, so no
 * accumulated phase error). J. W. Cooley and J. W. Tukey, "An Algorithm for the Machine
 * Calculation of Complex Fourier Series", Math. Comp. 1965; T. G. Stockham, 1966.
 *
 * <p>Not thread-safe (it owns scratch buffers); cheap to create.
 */
final class Fft {
    private final int n;
    private final double[] cos;
    private final double[] sin;
    private final double[] scratchRe;
    private final double[] scratchIm;

    Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two; got " + n);
        }
        this.n = n;
        this.cos = new double[Math.max(1, n / 2)];
        this.sin = new double[Math.max(1, n / 2)];
        for (int k = 0; k < n / 2; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        this.scratchRe = new double[n];
        this.scratchIm = new double[n];
    }

    /** Forward transform X_k = Σ_j x_j e^{−2πijk/n}, in place. */
    void forward(double[] re, double[] im) {
        transform(re, im, 1);
    }

    /** Inverse transform x_j = (1/n) Σ_k X_k e^{2πijk/n}, in place. */
    void inverse(double[] re, double[] im) {
        transform(re, im, -1);
        double inv = 1.0 / n;
        for (int i = 0; i < n; i++) {
            re[i] *= inv;
            im[i] *= inv;
        }
    }

    private void transform(double[] re, double[] im, double sign) {
        double[] xr = re;
        double[] xi = im;
        double[] yr = scratchRe;
        double[] yi = scratchIm;
        int half = n / 2;
        for (int l = half, m = 1; l >= 1; l >>= 1, m <<= 1) {
            for (int j = 0; j < l; j++) {
                double wr = cos[j * m];
                double wi = sign * sin[j * m];
                int in0 = j * m;
                int in1 = in0 + half;
                int out0 = 2 * j * m;
                int out1 = out0 + m;
                for (int k = 0; k < m; k++) {
                    double ar = xr[in0 + k];
                    double ai = xi[in0 + k];
                    double br = xr[in1 + k];
                    double bi = xi[in1 + k];
                    yr[out0 + k] = ar + br;
                    yi[out0 + k] = ai + bi;
                    double dr = ar - br;
                    double di = ai - bi;
                    yr[out1 + k] = dr * wr - di * wi;
                    yi[out1 + k] = dr * wi + di * wr;
                }
            }
            double[] t = xr;
            xr = yr;
            yr = t;
            t = xi;
            xi = yi;
            yi = t;
        }
        if (xr != re) {
            System.arraycopy(xr, 0, re, 0, n);
            System.arraycopy(xi, 0, im, 0, n);
        }
    }
}
