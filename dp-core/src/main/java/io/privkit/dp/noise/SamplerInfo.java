package io.privkit.dp.noise;

import io.privkit.common.Checks;

/**
 * What a noise source is and how it resists implementation attacks, in the words an evidence
 * record's implementation-hygiene section needs.
 *
 * @param sampler                 the sampling method and the paper it follows
 * @param floatingPointMitigation how floating-point attacks (Mironov 2012; Jin et al. 2022) are avoided
 */
public record SamplerInfo(String sampler, String floatingPointMitigation) {
    public SamplerInfo {
        Checks.requireNonBlank(sampler, "sampler");
        Checks.requireNonBlank(floatingPointMitigation, "floatingPointMitigation");
    }
}
