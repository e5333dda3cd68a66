/**
 * The steps of {@code privkit demo}: each runs one capability end to end on generated data and
 * returns its evidence records, which the demo writes into one bundle.
 */
package io.privkit.cli.demo;
