/** Quick starts for data scientists: privacy accounting, the budget ledger, fairness and drift checks from Java code. */
package io.privkit.examples.datascientist;
