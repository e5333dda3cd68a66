package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccountantCommandTest {
    private static JsonNode json(CliRunner.Run r) throws Exception {
        return CanonicalJson.readTree(r.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dpSgd_json_hasTopLevelEpsilonMatchingTheReference() throws Exception {
        // Reference: dp_accounting PLD 2.16277 for sigma 2, q 0.01, 10000 steps, delta 1e-5.
        CliRunner.Run r = CliRunner.run("accountant", "--noise-multiplier", "2.0", "--sampling-rate", "0.01", "--steps", "10000",
                "--delta", "1e-5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = json(r);
        assertEquals(2.16277, j.get("epsilon").asDouble(), 1e-3);
        assertEquals("pld", j.get("accountant").asText());
        assertEquals("self-composed", j.get("dpEvent").get("kind").asText());
        assertTrue(j.get("attackBounds").get("maxAdvantage").asDouble() > 0);
    }

    @Test
    void text_saysEpsilonRoundedUpWithWhatWasAccounted() {
        CliRunner.Run r = CliRunner.run("accountant", "--noise-multiplier", "2.0", "--sampling-rate", "0.01", "--steps", "10000",
                "--delta", "1e-5", "--accountant", "rdp");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("epsilon = 2.35292 at delta = 1.0E-5 (RDP accountant, add-or-remove-one; Poisson-sampled "
                + "Gaussian, noise multiplier 2, sampling rate 0.01, 10000 steps)"), r.out());
        assertTrue(r.out().contains("An attacker trying to tell whether a given record was used"), r.out());
    }

    @Test
    void targetEpsilon_printsCalibratedNoiseMultiplier_thatMeetsTheTarget() throws Exception {
        CliRunner.Run r = CliRunner.run("accountant", "--target-epsilon", "3", "--sampling-rate", "0.01", "--steps", "10000",
                "--delta", "1e-5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = json(r);
        double z = j.get("noiseMultiplier").asDouble();
        assertTrue(z > 1 && z < 2, "noise multiplier " + z);
        assertTrue(j.get("epsilon").asDouble() <= 3.0);
        CliRunner.Run check = CliRunner.run("accountant", "--noise-multiplier", Double.toString(z), "--sampling-rate", "0.01",
                "--steps", "10000", "--delta", "1e-5", "--json");
        assertTrue(json(check).get("epsilon").asDouble() <= 3.0);
    }

    @Test
    void laplaceComposition_plainScale() throws Exception {
        CliRunner.Run r = CliRunner.run("accountant", "--mechanism", "laplace", "--scale", "1", "--steps", "1", "--delta", "0",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1.0, json(r).get("epsilon").asDouble(), 0);
    }

    @Test
    void badOptions_exit2_everyProblemNamed() {
        CliRunner.Run r = CliRunner.run("accountant", "--sampling-rate", "1.5", "--steps", "0", "--delta", "1e-5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("privkit: --sampling-rate must be in (0, 1]; got 1.5."), r.err());
        assertTrue(r.err().contains("privkit: --steps must be at least 1; got 0."), r.err());
        assertTrue(r.err().contains("privkit: --noise-multiplier (or --scale) must be given, or --target-epsilon; got neither."), r.err());
        assertEquals("", r.out());
        CliRunner.Run missing = CliRunner.run("accountant", "--noise-multiplier", "1");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("privkit: Missing required option: '--delta=D'"), missing.err());
    }
}
