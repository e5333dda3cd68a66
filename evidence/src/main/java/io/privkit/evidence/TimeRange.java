package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import java.time.Instant;

/**
 * A closed period of time in UTC, such as the window of data a drift check covered.
 *
 * @param from the first instant covered
 * @param to   the last instant covered, not before {@code from}
 */
@Doc("A period of time in UTC; both ends included.")
public record TimeRange(
        @Doc("The first instant covered (ISO-8601, UTC).") Instant from,
        @Doc("The last instant covered (ISO-8601, UTC); not before 'from'.") Instant to) {

    public TimeRange {
        Checks.requireNonNull(from, "timeRange.from");
        Checks.requireNonNull(to, "timeRange.to");
        if (to.isBefore(from)) {
            throw Checks.argument("timeRange.to").mustBe("not before timeRange.from (" + from + ")").got(to.toString())
                    .fix("Swap the two ends.").exception();
        }
    }
}
