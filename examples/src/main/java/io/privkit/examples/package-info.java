/**
 * Runnable quick starts, one per README snippet, grouped by who uses them: {@code datascientist}
 * (training code), {@code mlops} (pipelines) and {@code dpia} (DPIA authors). A test runs every
 * quick start at small size, so the README cannot drift from the code.
 */
package io.privkit.examples;
