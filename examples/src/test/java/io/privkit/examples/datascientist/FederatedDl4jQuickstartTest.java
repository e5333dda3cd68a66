package io.privkit.examples.datascientist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's DL4J federated quick start (seeded) and checks what it promises. */
class FederatedDl4jQuickstartTest {

    /**
     * Three sites of two classes each, over mutual TLS: the federated model is within 2 points of
     * the same network trained centrally (the module's learning bar; seeded, so deterministic), and
     * far above what one site's two classes allow (at most about 50% on four balanced classes).
     */
    @Test
    void run_threeSitesSeeded_federatedWithinTwoPointsOfCentral() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FederatedDl4jQuickstart.Outcome o = FederatedDl4jQuickstart.run(12, Randomness.insecureSeeded(2026),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(12, o.run().completedRounds(), out);
        assertTrue(o.centralAccuracy() > 0.8, out);
        assertTrue(o.federatedAccuracy() >= o.centralAccuracy() - 0.02, out);
        assertTrue(o.federatedAccuracy() > 0.6, out);
        assertTrue(out.contains("round 12/12 completed: sampled 3, reported 3"), out);
        assertTrue(out.contains("federated model: ") && out.contains("trained centrally: "), out);
    }
}
