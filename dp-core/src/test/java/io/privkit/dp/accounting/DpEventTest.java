package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.DpEventDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpEventTest {
    @Test
    void describe_thenFromDescription_roundTripsEveryKind() {
        DpEvent tree = new DpEvent.Composed(List.of(
                new DpEvent.SamplerSlack(DpEvent.gaussian(1.1).poissonSampled(0.01), 1e-9, 1e-15).selfComposed(10_000),
                DpEvent.laplace(2.0).sampledWithoutReplacement(1000, 50),
                new DpEvent.DiscreteGaussian(3.5, 2), new DpEvent.DiscreteLaplace(1e6, 1_000_001),
                DpEvent.epsilonDelta(0.5, 1e-7), new DpEvent.NoOp(), new DpEvent.NonPrivate()));
        DpEventDescription d = tree.describe();
        assertEquals(tree, DpEvent.fromDescription(d));
        assertEquals("composed", d.kind());
        assertEquals(Map.of("count", 10_000.0), d.children().get(0).parameters());
    }

    @Test
    void fluentDpSgdEvent_hasTheExpectedTree() {
        DpEventDescription d = DpEvent.gaussian(1.1).poissonSampled(0.01).selfComposed(3000).describe();
        assertEquals("self-composed", d.kind());
        assertEquals("poisson-sampled", d.children().get(0).kind());
        assertEquals(Map.of("noiseMultiplier", 1.1), d.children().get(0).children().get(0).parameters());
    }

    @Test
    void badParameters_clearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpEvent.gaussian(0));
        assertEquals("noiseMultiplier must be a finite number > 0; got 0.0. Give the noise standard deviation divided by the "
                + "L2 sensitivity, e.g. 1.1.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DpEvent.gaussian(1).poissonSampled(1.5));
        assertTrue(e.getMessage().startsWith("samplingProbability must be in (0, 1]; got 1.5."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DpEvent.gaussian(1).sampledWithoutReplacement(10, 20));
        assertTrue(e.getMessage().startsWith("sampleSize must be at most sourceSize (10); got 20."), e.getMessage());
    }

    @Test
    void fromDescription_malformedTrees_rejectedNamingTheNode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpEvent.fromDescription(DpEventDescription.leaf("gaussian", Map.of("sigma", 1.0))));
        assertTrue(e.getMessage().startsWith("dpEvent gaussian parameters must be exactly [noiseMultiplier]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DpEvent.fromDescription(DpEventDescription.leaf("magic", Map.of())));
        assertTrue(e.getMessage().startsWith("dpEvent.kind must be a known event kind"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DpEvent.fromDescription(
                new DpEventDescription("self-composed", Map.of("count", 2.5), List.of(DpEvent.gaussian(1).describe()))));
        assertTrue(e.getMessage().startsWith("dpEvent self-composed.count must be a whole number; got 2.5."), e.getMessage());
    }
}
