package io.privkit.dp.ledger;

/**
 * Where a ledger stands.
 *
 * @param ledgerId           its identifier
 * @param name               its name
 * @param location           where it lives (credentials redacted)
 * @param budgetEpsilon      the total ε
 * @param budgetDelta        the total δ
 * @param spentEpsilon       ε spent, as the ledger composes
 * @param remainingEpsilon   budget ε minus spent ε (never negative)
 * @param entries            the number of spends
 * @param compositionTheorem how spends compose
 * @param headHash           the hash at the head of the chain
 */
public record LedgerStatus(String ledgerId, String name, String location, double budgetEpsilon, double budgetDelta,
                           double spentEpsilon, double remainingEpsilon, long entries, String compositionTheorem, String headHash) {
}
