/** Quick starts for data scientists: privacy accounting, noise and the budget ledger from Java. */
package io.privkit.examples.datascientist;
