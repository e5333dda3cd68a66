/**
 * Quick starts for data scientists: differentially private training of DL4J networks and Tribuo
 * models with DP-SGD, each ending in a privacy-budget evidence record with the accuracy next to
 * the non-private baseline.
 */
package io.privkit.examples.datascientist;
