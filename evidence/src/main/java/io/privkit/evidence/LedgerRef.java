package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;

/**
 * Where a record sits in a tamper-evident, append-only log.
 *
 * @param seq      the entry's sequence number in the log
 * @param leafHash the entry's leaf hash (RFC 6962 Merkle tree leaf)
 */
@Doc("The record's place in a tamper-evident, append-only log.")
public record LedgerRef(
        @Doc("The entry's sequence number in the log, from 0.") long seq,
        @Doc("The entry's leaf hash in the log's Merkle tree (RFC 6962), hex SHA-256.") Sha256 leafHash) {

    public LedgerRef {
        Checks.requireNonNegative(seq, "ledgerEntry.seq");
        Checks.requireNonNull(leafHash, "ledgerEntry.leafHash");
    }
}
