/**
 * Secure aggregation (Bonawitz et al., CCS 2017): X25519 key agreement, Shamir sharing of mask
 * seeds, AES-CTR masks in a fixed-point ring, AES-GCM share transport. The protocol and its limits
 * are described in {@link io.privkit.federated.secagg.SecAggProtocol}.
 */
package io.privkit.federated.secagg;
