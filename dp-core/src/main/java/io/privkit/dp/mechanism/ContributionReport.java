package io.privkit.dp.mechanism;

/**
 * What contribution bounding did. These counts are computed on the private data without noise: use
 * them to check a pipeline, never release them.
 *
 * @param rowsAdded        rows passed to the aggregation
 * @param rowsUsed         rows that entered the statistic
 * @param rowsOverCap      rows dropped because their unit had already contributed the maximum
 * @param nanRowsDropped   rows dropped for a NaN value (under {@link NanPolicy#DROP})
 * @param rowsClamped      rows whose value was clamped to the bounds
 * @param units            distinct units seen (1 per row under {@link UnitKeying#EACH_ROW})
 */
public record ContributionReport(long rowsAdded, long rowsUsed, long rowsOverCap, long nanRowsDropped, long rowsClamped,
                                 long units) {
}
