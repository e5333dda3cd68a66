package io.privkit.cli.demo;

import java.util.List;

/** The steps of {@code privkit demo}, in order. Each module adds its step here. */
public final class DemoSteps {
    private DemoSteps() {
    }

    /** Every step, in the order the demo runs them. */
    public static List<DemoStep> all() {
        return List.of(new PrivacyBudgetDemoStep(), new DpSgdDemoStep(), new FairnessDemoStep(), new DriftDemoStep(),
                new FederatedDemoStep());
    }
}
