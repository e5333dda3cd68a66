package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Problems;

/** Shared checks of the record builders. */
final class BuilderSupport {
    private BuilderSupport() {
    }

    /** Records a problem when a required builder field was never set. */
    static void require(Problems p, Object value, String name) {
        p.check(value != null, () -> Checks.argument(name).mustBe("given").got(null)
                .fix("Call " + name + "(...) on the builder."));
    }
}
