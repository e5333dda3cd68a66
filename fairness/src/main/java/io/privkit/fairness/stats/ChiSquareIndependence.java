package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-squared test of independence on an r x c table of counts (for a fairness report:
 * rows are groups, columns are outcomes), the omnibus "does the rate differ across any group"
 * test. {@code X^2 = sum (O - E)^2 / E} with {@code E = row * column / n}, {@code (r-1)(c-1)}
 * degrees of freedom, no continuity correction. K. Pearson, Philosophical Magazine 50 (1900).
 *
 * <p>The approximation is questionable when expected counts are small; the result says how many
 * cells have an expected count below 5 and the smallest expected count, so a report can flag it.
 * Rows or columns that are entirely zero are dropped before the test (they carry no information
 * and would give a zero expected count).
 *
 * <p>Immutable and thread-safe.
 *
 * @param statistic          the chi-squared statistic
 * @param degreesOfFreedom   {@code (r-1)(c-1)} over the non-empty rows and columns
 * @param pValue             the upper-tail probability
 * @param minExpected        the smallest expected count
 * @param cellsExpectedBelow5 cells with an expected count below 5
 */
public record ChiSquareIndependence(double statistic, int degreesOfFreedom, double pValue, double minExpected,
                                    int cellsExpectedBelow5) {

    public ChiSquareIndependence {
        Checks.requireNonNegative(statistic, "statistic");
        Checks.requireNonNegative(degreesOfFreedom, "degreesOfFreedom");
        Checks.requireProbability(pValue, "pValue");
    }

    /**
     * The test on {@code table} ({@code table[row][column]}).
     *
     * @throws IllegalArgumentException if the table is ragged, has a negative count, or has fewer
     *                                  than two non-empty rows or columns
     */
    public static ChiSquareIndependence of(long[][] table) {
        Checks.requireNonNull(table, "table");
        int columns = table.length == 0 ? 0 : table[0].length;
        double[] rowSums = new double[table.length];
        double[] colSums = new double[columns];
        double n = 0;
        for (int i = 0; i < table.length; i++) {
            if (table[i].length != columns) {
                throw Checks.argument("table[" + i + "]").mustBe(columns + " columns like the first row").got(table[i].length).noFix().exception();
            }
            for (int j = 0; j < columns; j++) {
                if (table[i][j] < 0) {
                    throw Checks.argument("table[" + i + "][" + j + "]").mustBe(">= 0").got(table[i][j]).noFix().exception();
                }
                rowSums[i] += table[i][j];
                colSums[j] += table[i][j];
                n += table[i][j];
            }
        }
        int rows = 0;
        for (double r : rowSums) {
            rows += r > 0 ? 1 : 0;
        }
        int cols = 0;
        for (double c : colSums) {
            cols += c > 0 ? 1 : 0;
        }
        if (rows < 2 || cols < 2) {
            throw Checks.argument("table").mustBe("at least two non-empty rows and two non-empty columns").got(rows + " x " + cols)
                    .fix("The test needs at least two groups and both outcomes present.").exception();
        }
        double statistic = 0;
        double minExpected = Double.POSITIVE_INFINITY;
        int below5 = 0;
        for (int i = 0; i < table.length; i++) {
            if (rowSums[i] == 0) {
                continue;
            }
            for (int j = 0; j < columns; j++) {
                if (colSums[j] == 0) {
                    continue;
                }
                double expected = rowSums[i] * colSums[j] / n;
                double d = table[i][j] - expected;
                statistic += d * d / expected;
                minExpected = Math.min(minExpected, expected);
                below5 += expected < 5 ? 1 : 0;
            }
        }
        int dof = (rows - 1) * (cols - 1);
        double p = ChiSquaredDistribution.of(dof).survivalProbability(statistic);
        return new ChiSquareIndependence(statistic, dof, p, minExpected, below5);
    }
}
