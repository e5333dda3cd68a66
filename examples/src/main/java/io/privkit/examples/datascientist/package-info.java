/**
 * Quick starts for data scientists, from Java code: privacy accounting and the budget ledger;
 * differentially private training of DL4J networks and Tribuo models with DP-SGD, each ending in a
 * privacy-budget evidence record with the accuracy next to the non-private baseline; fairness and
 * drift checks.
 */
package io.privkit.examples.datascientist;
