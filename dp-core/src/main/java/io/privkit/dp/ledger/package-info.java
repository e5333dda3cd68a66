/**
 * The durable privacy-budget ledger: {@link io.privkit.dp.ledger.PrivacyLedger} records every spend
 * in SQLite or PostgreSQL before the noisy result is released, refuses spends beyond the budget
 * ({@link io.privkit.dp.ledger.BudgetExceededException}), composes adaptively chosen spends with a
 * privacy filter, and hash-chains its entries so that edits are detectable.
 */
package io.privkit.dp.ledger;
