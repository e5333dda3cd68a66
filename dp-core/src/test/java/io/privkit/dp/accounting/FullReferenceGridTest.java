package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The same correctness bar on every cell of the full reference grid, when the grid is available
 * beside the project ({@code shared/refs/dp/epsilons.csv} in an ancestor folder). Skipped otherwise;
 * the bundled subset in the test resources is always checked.
 */
class FullReferenceGridTest {
    private static List<ReferenceGrid.Row> rows() {
        Optional<Path> file = ReferenceGrid.fullGridFile();
        assumeTrue(file.isPresent(), "the full reference grid (shared/refs/dp/epsilons.csv) is not beside the project: skipped");
        return ReferenceGrid.read(file.get());
    }

    @Test
    void pld_everyCell_meetsTheBar() {
        ReferenceChecks.assertNone(ReferenceChecks.checkPld(rows()));
    }

    @Test
    void rdp_everyCell_meetsTheBar() {
        ReferenceChecks.assertNone(ReferenceChecks.checkRdp(rows()));
    }
}
