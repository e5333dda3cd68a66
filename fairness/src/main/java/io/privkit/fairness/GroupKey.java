package io.privkit.fairness;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A group: one value for each of a list of attributes (an intersection when there are several;
 * everyone when there are none). Its {@link #key()} joins the values with {@code |} in attribute
 * order (Fairlearn's convention, e.g. {@code African-American|Female}); its {@link #label()} names
 * the attributes too ({@code race=African-American & sex=Female}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param attributes the attribute names
 * @param values     one value per attribute
 */
public record GroupKey(List<String> attributes, List<String> values) {
    /** The level of rows whose attribute is missing, under {@link MissingValuePolicy#OWN_GROUP}. */
    public static final String MISSING = "(missing)";

    /** Everyone. */
    public static final GroupKey OVERALL = new GroupKey(List.of(), List.of());

    public GroupKey {
        attributes = List.copyOf(Checks.requireNoNullElements(attributes, "groupKey.attributes"));
        values = List.copyOf(Checks.requireNoNullElements(values, "groupKey.values"));
        if (attributes.size() != values.size()) {
            throw Checks.argument("groupKey.values").mustBe("one per attribute (" + attributes.size() + ")").got(values.size())
                    .noFix().exception();
        }
    }

    /** A one-attribute group. */
    public static GroupKey of(String attribute, String value) {
        return new GroupKey(List.of(attribute), List.of(value));
    }

    /**
     * Parses a group written as values joined with {@code |} in attribute order
     * ({@code Caucasian|Male}), or as {@code attribute=value} pairs joined with {@code ,} or
     * {@code &} in any order ({@code sex=Male,race=Caucasian}).
     *
     * @throws IllegalArgumentException if the text does not give one value per attribute
     */
    public static GroupKey parse(String text, List<String> attributes) {
        Checks.requireNonBlank(text, "group");
        Checks.requireNonEmpty(attributes, "attributes");
        String t = text.trim();
        boolean pairs = attributes.stream().anyMatch(a -> t.startsWith(a + "="));
        List<String> values = new ArrayList<>();
        if (pairs) {
            String names = String.join("|", attributes.stream().map(java.util.regex.Pattern::quote).toList());
            String[] parts = t.split("\\s*[,&]\\s*(?=(" + names + ")=)");
            java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
            for (String part : parts) {
                int eq = part.indexOf('=');
                String name = part.substring(0, eq).trim();
                if (!attributes.contains(name) || byName.put(name, part.substring(eq + 1).trim()) != null) {
                    throw Checks.argument("group").mustBe("one value for each of " + attributes).got(text)
                            .fix("Write it as " + example(attributes) + ".").exception();
                }
            }
            for (String a : attributes) {
                if (!byName.containsKey(a)) {
                    throw Checks.argument("group").mustBe("one value for each of " + attributes).got(text)
                            .fix("Add " + a + "=<value>.").exception();
                }
                values.add(byName.get(a));
            }
        } else {
            String[] parts = t.split("\\|", -1);
            if (parts.length != attributes.size()) {
                throw Checks.argument("group").mustBe("one value for each of " + attributes).got(text)
                        .fix("Write it as " + example(attributes) + ", or join the values with '|' in that order.").exception();
            }
            for (String p : parts) {
                values.add(p.trim());
            }
        }
        return new GroupKey(attributes, values);
    }

    private static String example(List<String> attributes) {
        List<String> parts = new ArrayList<>();
        attributes.forEach(a -> parts.add(a + "=<value>"));
        return String.join(",", parts);
    }

    /** Whether this is everyone. */
    public boolean overall() {
        return attributes.isEmpty();
    }

    /** The values joined with {@code |}, or {@code overall}. */
    public String key() {
        return overall() ? "overall" : String.join("|", values);
    }

    /** {@code attr=value & attr=value}, or {@code overall}. */
    public String label() {
        if (overall()) {
            return "overall";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            parts.add(attributes.get(i) + "=" + values.get(i));
        }
        return String.join(" & ", parts);
    }

    /** The value of {@code attribute}. */
    public String value(String attribute) {
        int i = attributes.indexOf(attribute);
        if (i < 0) {
            throw Checks.argument("attribute").mustBe("one of " + attributes).got(attribute).noFix().exception();
        }
        return values.get(i);
    }

    /** The projection onto a subset of the attributes, in the subset's order. */
    public GroupKey project(List<String> subset) {
        List<String> v = new ArrayList<>();
        for (String a : subset) {
            v.add(value(a));
        }
        return new GroupKey(subset, v);
    }

    @Override
    public String toString() {
        return label();
    }
}
