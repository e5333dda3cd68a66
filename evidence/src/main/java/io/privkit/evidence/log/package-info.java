/**
 * The append-only evidence log: RFC 6962 Merkle hashing with inclusion and consistency proofs
 * ({@link io.privkit.evidence.log.Merkle}), hash-chained JSON Lines entries
 * ({@link io.privkit.evidence.log.EvidenceLog}), and signed checkpoints in the C2SP
 * tlog-checkpoint and signed-note formats ({@link io.privkit.evidence.log.Checkpoint},
 * {@link io.privkit.evidence.log.SignedNote}).
 */
package io.privkit.evidence.log;
