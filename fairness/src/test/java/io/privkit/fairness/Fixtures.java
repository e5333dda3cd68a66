package io.privkit.fairness;

import io.privkit.fairness.metrics.ConfusionCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds grouped statistics from counts, for tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** One sensitive attribute with the given groups' counts (in order). */
    static GroupedStats oneAttribute(String attribute, Map<String, ConfusionCounts> groups) {
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive(attribute, Characteristic.OTHER)).build();
        groups.forEach((level, counts) -> acc.addCounts(acc.cell(level), counts));
        return acc.snapshot();
    }

    /** Two sensitive attributes; keys are "a|b". */
    static GroupedStats twoAttributes(String first, String second, Map<String, ConfusionCounts> groups) {
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive(first, Characteristic.RACE))
                .attribute(Attribute.sensitive(second, Characteristic.SEX)).build();
        groups.forEach((key, counts) -> {
            String[] parts = key.split("\\|");
            acc.addCounts(acc.cell(parts[0], parts[1]), counts);
        });
        return acc.snapshot();
    }

    static Map<String, ConfusionCounts> map(Object... keysAndCounts) {
        Map<String, ConfusionCounts> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            m.put((String) keysAndCounts[i], (ConfusionCounts) keysAndCounts[i + 1]);
        }
        return m;
    }

    static ConfusionCounts c(long tp, long fp, long tn, long fn) {
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    static List<String> keys(ViewResult v) {
        return v.groups().stream().map(g -> g.key().key()).toList();
    }
}
